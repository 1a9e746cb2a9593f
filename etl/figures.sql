-- The table every page reads, written after the facts: facts_labelled stored once, in the order
-- tables list figures (list_position). Pages filter it without joins, and a download of any size is
-- written in that order by a plain scan, without sorting a million wide rows.
--
-- Several reports may give the same figure. Every reading is kept with its own quote; `readings`
-- counts the readings of the same point (place, level, merger, metric, group, period, target, standard),
-- and `agreement` says whether they agree: single, duplicate (same value) or conflict.
--
-- Series (a line per province over the years) draw one value per year, chosen by the rule below and
-- stored as `series_choice` = 1; the other readings of that year stay, ranked, for the hover and the
-- downloads. A year's readings are those of one place, level, merger, metric, group, target and
-- standard whose period is a day or the calendar year and ends in that year. The rule, in order:
--   1. the reading whose period ends latest in the year (the year-end figure over a mid-year one);
--   2. a government publication (an address on .gov.vn) over a press report;
--   3. an exact figure over one written "more than", "about" and the like;
--   4. the latest publication;
--   5. the lowest figure id, so that the choice never depends on load order.
CREATE TABLE figures AS
WITH compared AS (
    SELECT
        *,
        count(*) OVER same_point AS readings,
        min(value) OVER same_point < max(value) OVER same_point AS disagree,
        coalesce(regexp_matches(source_url, '^https?://[^/]*\.gov\.vn(/|$)'), false) AS source_official,
        year(period_end) AS year,
        period_start = period_end
            OR (period_start = make_date(year(period_end), 1, 1) AND period_end = make_date(year(period_end), 12, 31))
            AS series_period
    FROM facts_labelled
    WINDOW same_point AS (
        PARTITION BY province, area, area_level, merged_province, metric, beneficiary_group,
                     period_start, period_end, is_target, poverty_standard
    )
),
ranked AS (
    SELECT
        *,
        CASE WHEN series_period THEN row_number() OVER same_year END AS series_choice,
        CASE WHEN series_period THEN count(*) OVER same_year END AS series_readings,
        CASE WHEN series_period THEN min(value) OVER same_year < max(value) OVER same_year END AS series_disagree
    FROM compared
    WINDOW same_year AS (
        PARTITION BY province, area, area_level, merged_province, metric, beneficiary_group, is_target,
                     poverty_standard, series_period, year
        ORDER BY period_end DESC, source_official DESC, qualifier = 'exact' DESC,
                 source_publication_date DESC NULLS LAST, fact_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
)
SELECT
    row_number() OVER (
        ORDER BY province, metric, beneficiary_group, area_level, area, period_start, fact_id
    ) AS list_position,
    * EXCLUDE (disagree, series_period),
    CASE WHEN disagree THEN 'conflict' WHEN readings > 1 THEN 'duplicate' ELSE 'single' END AS agreement
FROM ranked
ORDER BY list_position;

-- The points on which reports disagree, one row per reading, for the Sources page.
CREATE VIEW conflicts AS
SELECT * FROM figures WHERE agreement = 'conflict'
ORDER BY province, metric, beneficiary_group, area, period_start, source_publication_date, fact_id;
