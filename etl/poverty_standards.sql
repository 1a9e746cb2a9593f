-- The poverty standard of every poverty figure (the rule of data/poverty_standards.meta.yml): the one
-- its report names (loaded with basis 'report'), else the one whose applies_from..applies_to holds the
-- end of its period.
UPDATE facts
SET poverty_standard = poverty_standards.poverty_standard, poverty_standard_basis = 'period'
FROM poverty_standards, metrics
WHERE facts.poverty_standard IS NULL
  AND metrics.metric = facts.metric AND metrics.category = 'poverty'
  AND facts.period_end BETWEEN poverty_standards.applies_from AND poverty_standards.applies_to;
