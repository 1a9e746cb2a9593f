"""Support spending: electricity, tuition, social allowance, Tết gifts and housing — over the years where
reported, one year side by side, then every figure: money and recipients."""

from app import page, queries

view = page.start()
page.heading("page_support", view)
filters = view.filters.within(categories=("support", "women_union"))
metrics = queries.options()["metrics"]
money = tuple(metrics.loc[metrics["category"].isin(filters.categories) & (metrics["unit"] == "VND"), "metric"])
people = tuple(metrics.loc[(metrics["category"] == "support") & (metrics["unit"] == "count"), "metric"])


def every_figure() -> None:
    page.metric_chart(filters, money, "support_spending", "support_spending", view)
    page.metric_chart(filters, people, "support_recipients", "support_recipients", view)
    page.figures_table(filters, "other_figures", "support_table", view)


if page.has_rows(filters, view):
    page.topic_views(filters, queries.topic_metrics("support", money + people), "support", view, every_figure)
