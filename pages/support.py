"""Support spending: electricity, tuition, social allowance, Tết gifts and housing — over the years where
reported, one year side by side, then every figure: money and recipients."""

from app import page, queries

view = page.start()
page.heading("page_support", view)
filters = view.filters.within(categories=("support", "women_union"))

if page.has_rows(filters, view):
    metrics = queries.options()["metrics"]
    money = tuple(metrics.loc[metrics["category"].isin(filters.categories) & (metrics["unit"] == "VND"), "metric"])
    people = tuple(metrics.loc[(metrics["category"] == "support") & (metrics["unit"] == "count"), "metric"])
    section = page.section(filters, money + people, view)
    if section == "series":
        page.series_picker(filters, money + people, view)
    elif section == "ranking":
        page.ranking_view(filters, money + people, "support_ranking", view)
    else:
        page.metric_chart(filters, money, "support_spending", "support_spending", view)
        page.metric_chart(filters, people, "support_recipients", "support_recipients", view)
        page.figures_table(filters, "other_figures", "support_table", view)
