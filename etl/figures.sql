-- The table every page reads, written after the facts: facts_labelled stored once, in the order
-- tables list figures (list_position). Pages filter it without joins, and a download of any size is
-- written in that order by a plain scan, without sorting a million wide rows.
--
-- Several reports may give the same figure. Every reading is kept with its own quote; `readings`
-- counts the readings of the same point (place, level, merger, metric, group, period, target, standard),
-- and `agreement` says whether they agree: single, duplicate (same value) or conflict.
--
-- The year a reading stands for (`year`): the year its period ends in, except a stock (metrics.measure)
-- that stands at a date in January or February, which is the level at the end of the year before ("đầu
-- năm 2024": the review of 2023). A stock stands at the end of its period ("đến 30/9": the balance then).
--
-- Series (a line per province over the years) draw one value per year, chosen by the rule below and
-- stored as `series_choice` = 1; the other readings of that year stay, ranked, for the hover and the
-- downloads. A year's readings are those of one place, level, merger, metric, group, target and
-- standard that stand for that year: every stock, and a flow over the calendar year (a flow over one day
-- is an event, such as cards handed out at a ceremony, and one over part of a year is not the year's).
-- The rule, in order:
--   1. a reading dated in the year over one carried over from early the next year, then the one whose
--      period ends latest (the year-end figure over a mid-year one);
--   2. an official publisher over the domestic press, and the domestic press over a foreign outlet
--      (data/publishers.csv; a publisher not classified there counts as the press);
--   3. an exact figure over one written "more than", "about" and the like;
--   4. the latest publication (a page without a date by the earliest date it can have);
--   5. the lowest figure id, so that the choice never depends on load order.
-- Reports disagree (`series_disagree`) only about the same point on the same dates: a June balance and a
-- December balance of one year are two dates, not a conflict.
CREATE TABLE figures AS
WITH compared AS (
    SELECT
        *,
        count(*) OVER same_point AS readings,
        min(value) OVER same_point < max(value) OVER same_point AS disagree,
        CASE source_tier WHEN 'official' THEN 0 WHEN 'foreign' THEN 2 ELSE 1 END AS source_rank,
        CASE
            WHEN measure = 'stock' AND month(period_end) <= 2 THEN year(period_end) - 1
            ELSE year(period_end)
        END AS year,
        measure = 'stock'
            OR (period_start = make_date(year(period_end), 1, 1) AND period_end = make_date(year(period_end), 12, 31))
            AS series_period,
        coalesce(source_publication_date, source_published_not_before) AS published
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
        CASE WHEN series_period THEN disagree END AS series_disagree,
        -- The reading cited for its point wherever the point is shown alone: the same preference as above.
        row_number() OVER (
            PARTITION BY province, area, area_level, merged_province, metric, beneficiary_group,
                         period_start, period_end, is_target, poverty_standard
            ORDER BY source_rank, qualifier = 'exact' DESC, published DESC NULLS LAST, fact_id
        ) AS point_choice,
        -- Whether the figure's poverty standard (if any) is the one in force at the end of the year it stands
        -- for: a survey's own measure, or a rate under the previous standard, is never compared with the
        -- review's rates of that year (etl/coverage.py's COMPARED_READING).
        poverty_standard IS NULL
            OR coalesce(make_date(year, 12, 31) BETWEEN poverty_standard_from AND poverty_standard_to, false)
            AS standard_in_force
    FROM compared
    WINDOW same_year AS (
        PARTITION BY province, area, area_level, merged_province, metric, beneficiary_group, is_target,
                     poverty_standard, series_period, year
        ORDER BY year(period_end) = year DESC, period_end DESC, source_rank, qualifier = 'exact' DESC,
                 published DESC NULLS LAST, fact_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
)
SELECT
    row_number() OVER (
        ORDER BY province, metric, beneficiary_group, area_level, area, period_start, fact_id
    ) AS list_position,
    * EXCLUDE (disagree, series_period, published, source_rank, poverty_standard_from, poverty_standard_to),
    CASE WHEN disagree THEN 'conflict' WHEN readings > 1 THEN 'duplicate' ELSE 'single' END AS agreement
FROM ranked
ORDER BY list_position;

-- The points on which reports disagree, one row per reading, for the Sources page.
CREATE VIEW conflicts AS
SELECT * FROM figures WHERE agreement = 'conflict'
ORDER BY province, metric, beneficiary_group, area, period_start, source_publication_date, fact_id;
