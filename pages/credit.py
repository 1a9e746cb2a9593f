"""Credit: the Bank for Social Policies' loans outstanding by province over the years, one year side by side,
then every figure: disbursed and outstanding, borrowers, and the average per borrower."""

from app import page, queries

# Lines offered after the topic's headline indicators.
OTHER_LINES = ("credit_borrowers", "credit_funds")

view = page.start()
page.heading("page_credit", view)
filters = view.filters.within(categories=("credit",))


def every_figure() -> None:
    page.metric_chart(filters, ("credit_disbursed", "credit_outstanding"), "credit_money", "credit_money", view)
    page.metric_chart(filters, ("credit_borrowers",), "borrowers", "borrowers", view)
    for numerator in ("credit_disbursed", "credit_outstanding"):
        page.derived_chart(filters, numerator, "credit_borrowers", "per_borrower", f"per_borrower_{numerator}", view)
    page.figures_table(filters, "other_figures", "credit_table", view)


if page.has_rows(filters, view):
    page.topic_views(
        filters, queries.topic_metrics("credit", ("credit_borrowers", "credit_funds")), "credit", view, every_figure
    )
