"""Support spending: electricity, tuition, social allowance, Tết gifts and housing — money and recipients."""

from app import page, queries

view = page.start()
page.heading("page_support", view)
filters = view.filters.within(categories=("support", "women_union"))

if page.has_rows(filters, view):
    metrics = queries.options()["metrics"]
    money = tuple(metrics.loc[metrics["category"].isin(filters.categories) & (metrics["unit"] == "VND"), "metric"])
    people = tuple(metrics.loc[(metrics["category"] == "support") & (metrics["unit"] == "count"), "metric"])
    page.series_charts(filters, money + people, view)
    page.ranking_view(filters, money + people, "support_ranking", view)
    page.metric_chart(filters, money, "support_spending", "support_spending", view)
    page.metric_chart(filters, people, "support_recipients", "support_recipients", view)
    page.figures_table(filters, "other_figures", "support_table", view)
