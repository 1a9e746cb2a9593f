"""Health insurance (BHYT): the population's coverage by province over the years, one year side by side, then
every figure: cards by group, their cost, cost per card, and participants."""

from app import page, queries

PARTICIPANTS = (
    "bhyt_participants",
    "bhyt_new_participants",
    "bhxh_participants",
    "voluntary_bhxh_participants",
    "voluntary_bhxh_new_participants",
)

# Lines offered after the topic's headline indicators.
OTHER_LINES = ("bhyt_cards", "bhyt_coverage")

view = page.start()
page.heading("page_health_insurance", view)
filters = view.filters.within(categories=("health_insurance", "social_insurance"))


def every_figure() -> None:
    page.metric_chart(filters, ("bhyt_cards",), "cards", "bhyt_cards", view)
    page.metric_chart(filters, ("bhyt_cost",), "card_cost", "bhyt_cost", view)
    page.derived_chart(filters, "bhyt_cost", "bhyt_cards", "cost_per_card", "cost_per_card", view)
    page.metric_chart(filters, PARTICIPANTS, "participants", "participants", view)
    page.figures_table(filters, "other_figures", "health_table", view)


if page.has_rows(filters, view):
    page.topic_views(
        filters,
        queries.topic_metrics("health_insurance", ("bhyt_cards", "bhyt_coverage")),
        "health_insurance",
        view,
        every_figure,
    )
