-- The table every page reads, written after the facts: facts_labelled stored once, in the order
-- tables list figures (list_position). Pages filter it without joins, and a download of any size is
-- written in that order by a plain scan, without sorting a million wide rows.
--
-- Several reports may give the same figure. Every reading is kept with its own quote; `readings`
-- counts the readings of the same point (place, level, metric, group, period, target, standard),
-- and `agreement` says whether they agree: single, duplicate (same value) or conflict.
CREATE TABLE figures AS
WITH compared AS (
    SELECT
        *,
        count(*) OVER same_point AS readings,
        min(value) OVER same_point < max(value) OVER same_point AS disagree
    FROM facts_labelled
    WINDOW same_point AS (
        PARTITION BY province, area, area_level, metric, beneficiary_group, period_start, period_end,
                     is_target, poverty_standard
    )
)
SELECT
    row_number() OVER (
        ORDER BY province, metric, beneficiary_group, area_level, area, period_start, fact_id
    ) AS list_position,
    * EXCLUDE (disagree),
    CASE WHEN disagree THEN 'conflict' WHEN readings > 1 THEN 'duplicate' ELSE 'single' END AS agreement
FROM compared
ORDER BY list_position;

-- The points on which reports disagree, one row per reading, for the Sources page.
CREATE VIEW conflicts AS
SELECT * FROM figures WHERE agreement = 'conflict'
ORDER BY province, metric, beneficiary_group, area, period_start, source_publication_date, fact_id;
