-- The table every page reads, written after the facts: facts_labelled stored once, in the order
-- tables list figures (list_position). Pages filter it without joins, and a download of any size is
-- written in that order by a plain scan, without sorting a million wide rows.
CREATE TABLE figures AS
SELECT
    row_number() OVER (
        ORDER BY province, metric, beneficiary_group, area_level, area, period_start, fact_id
    ) AS list_position,
    *
FROM facts_labelled
ORDER BY list_position;
