"""Support spending: electricity, tuition, social allowance, Tết gifts and housing — money and recipients."""

from app import page, queries

view = page.start()
page.heading("page_support", view)
facts = queries.facts(view.filters.within(categories=("support", "women_union")))

if page.has_rows(facts, view):
    money = tuple(facts.loc[facts["unit"] == "VND", "metric"].unique())
    people = tuple(facts.loc[(facts["unit"] == "count") & (facts["category"] == "support"), "metric"].unique())
    page.metric_chart(facts, money, "support_spending", "support_spending", view)
    page.metric_chart(facts, people, "support_recipients", "support_recipients", view)
    page.figures_table(facts, None, "other_figures", "support_table", view)
