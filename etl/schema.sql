-- The facts database. Keys and checks repeat the rules of etl/validate.py so that
-- the database itself refuses a row that slipped past them.

-- The six socio-economic regions, with their English names (data/regions.csv).
CREATE TABLE regions (
    region    VARCHAR PRIMARY KEY,
    label_en  VARCHAR NOT NULL
);

CREATE TABLE provinces (
    province            VARCHAR PRIMARY KEY,
    province_code       VARCHAR NOT NULL UNIQUE CHECK (regexp_full_match(province_code, '[0-9]{2}')),
    region              VARCHAR NOT NULL REFERENCES regions (region),
    province_2025       VARCHAR NOT NULL,
    province_2025_code  VARCHAR NOT NULL
);

CREATE TABLE metrics (
    metric      VARCHAR PRIMARY KEY,
    category    VARCHAR NOT NULL CHECK (category IN ('poverty', 'health_insurance', 'credit', 'support', 'women_union', 'social_insurance')),
    label_vi    VARCHAR NOT NULL,
    label_en    VARCHAR NOT NULL,
    unit        VARCHAR NOT NULL CHECK (unit IN ('VND', 'percent', 'count')),
    -- stock: a level at a date (a rate, a balance, households); flow: what happened over a period.
    measure     VARCHAR NOT NULL CHECK (measure IN ('stock', 'flow')),
    -- A topic's headline indicators (1 first): the figures the topic compares, counted for headline_group.
    headline_rank   INTEGER CHECK (headline_rank BETWEEN 1 AND 3),
    headline_group  VARCHAR,
    definition  VARCHAR NOT NULL,
    CHECK ((headline_rank IS NULL) = (headline_group IS NULL))
);

-- What each headline indicator counts, for whom, when, and who publishes it (data/metrics.meta.yml).
CREATE TABLE headline_definitions (
    metric           VARCHAR PRIMARY KEY REFERENCES metrics (metric),
    definition_vi    VARCHAR NOT NULL,
    counted          VARCHAR NOT NULL,
    population       VARCHAR NOT NULL,
    measure          VARCHAR NOT NULL,
    reference_date   VARCHAR NOT NULL,
    year_reading     VARCHAR NOT NULL,
    unit             VARCHAR NOT NULL,
    published_by     VARCHAR NOT NULL,
    not_to_mix_with  VARCHAR NOT NULL,
    -- How many years from the year compared a reading may stand in (etl/coverage.py's stand-in rule).
    window_years     INTEGER NOT NULL CHECK (window_years >= 0)
);

CREATE TABLE beneficiary_groups (
    beneficiary_group  VARCHAR PRIMARY KEY,
    label_vi           VARCHAR NOT NULL,
    label_en           VARCHAR NOT NULL,
    definition         VARCHAR NOT NULL
);

CREATE TABLE poverty_standards (
    poverty_standard  VARCHAR PRIMARY KEY,
    label_vi          VARCHAR NOT NULL,
    label_en          VARCHAR NOT NULL,
    legal_basis       VARCHAR NOT NULL,
    applies_from      DATE,
    applies_to        DATE,
    note              VARCHAR NOT NULL,
    CHECK ((applies_from IS NULL) = (applies_to IS NULL)),
    CHECK (applies_to >= applies_from)
);

-- The support programmes the Support page compares, one panel each (data/programmes.csv), and the one
-- programme each support metric belongs to (data/programme_metrics.csv).
CREATE TABLE programmes (
    programme  VARCHAR PRIMARY KEY,
    label_vi   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL
);

CREATE TABLE programme_metrics (
    metric     VARCHAR PRIMARY KEY REFERENCES metrics (metric),
    programme  VARCHAR NOT NULL REFERENCES programmes (programme)
);

-- Who publishes the reports: an official body (a ministry, the statistics office, a provincial portal, the Bank
-- for Social Policies, the social-insurance agency), the domestic press, or a foreign outlet. When several
-- reports give one point, the official one is cited, then the domestic press, then a foreign outlet.
CREATE TABLE publishers (
    publisher  VARCHAR PRIMARY KEY,
    tier       VARCHAR NOT NULL CHECK (tier IN ('official', 'domestic_press', 'foreign')),
    country    VARCHAR  -- ISO 3166 code; empty where it is not established
);

-- A report kept in data/reports has its text in `reports`; a published article is not committed
-- and stands on its web address.
CREATE TABLE sources (
    source_id           VARCHAR PRIMARY KEY,
    file                VARCHAR UNIQUE,
    title               VARCHAR NOT NULL,
    publisher           VARCHAR NOT NULL,
    author              VARCHAR,
    publication_date    DATE,
    -- Where the page prints no date: the bounds its text allows (the note says how).
    published_not_before DATE,
    published_not_after  DATE,
    url                 VARCHAR,
    province            VARCHAR REFERENCES provinces (province),  -- empty for a national report
    language            VARCHAR NOT NULL CHECK (language IN ('vi', 'en')),
    -- The way its numbers are written when not its language's: a Vietnamese page printing "9.16%" is 'en'.
    number_style        VARCHAR CHECK (number_style IN ('vi', 'en')),
    text_in_repository  BOOLEAN NOT NULL,
    -- article: a published article, portal page or ministry decision; office: figures an office reported by
    -- filling in a data request (data/requests/).
    kind                VARCHAR NOT NULL CHECK (kind IN ('article', 'office')),
    note                VARCHAR,
    CHECK (text_in_repository OR url IS NOT NULL),
    CHECK (NOT text_in_repository OR file IS NOT NULL),
    CHECK (published_not_after >= published_not_before)
);

-- A source's note in Vietnamese, where a reviewer has written one (the English note stays in sources).
CREATE TABLE source_notes_vi (
    source_id  VARCHAR PRIMARY KEY REFERENCES sources (source_id),
    note_vi    VARCHAR NOT NULL
);

-- Province × topic × year cells searched for without finding a published figure.
CREATE TABLE coverage_gaps (
    province  VARCHAR NOT NULL REFERENCES provinces (province),
    category  VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    queries   VARCHAR NOT NULL,
    outcome   VARCHAR NOT NULL,
    PRIMARY KEY (province, category, year)
);

CREATE TABLE reports (
    source_id  VARCHAR PRIMARY KEY REFERENCES sources (source_id),
    text       VARCHAR NOT NULL
);

CREATE TABLE facts (
    fact_id            VARCHAR PRIMARY KEY,
    source_id          VARCHAR NOT NULL REFERENCES sources (source_id),
    province           VARCHAR REFERENCES provinces (province),  -- empty for the country and its regions
    area               VARCHAR NOT NULL,
    area_level         VARCHAR NOT NULL CHECK (area_level IN ('country', 'region', 'province', 'district', 'commune')),
    period_start       DATE NOT NULL,
    period_end         DATE NOT NULL,
    period_label       VARCHAR NOT NULL,
    metric             VARCHAR NOT NULL REFERENCES metrics (metric),
    beneficiary_group  VARCHAR NOT NULL REFERENCES beneficiary_groups (beneficiary_group),
    value              DOUBLE NOT NULL CHECK (value >= 0),
    unit               VARCHAR NOT NULL CHECK (unit IN ('VND', 'percent', 'count')),
    qualifier          VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'more_than', 'nearly', 'about', 'at_least', 'less_than', 'at_most')),
    is_target          BOOLEAN NOT NULL,
    quote              VARCHAR NOT NULL,
    quote_offset       INTEGER NOT NULL CHECK (quote_offset >= 0),
    -- Written by etl/poverty_standards.sql for every poverty figure: named by the report, else by period.
    poverty_standard   VARCHAR REFERENCES poverty_standards (poverty_standard),
    poverty_standard_basis VARCHAR CHECK (poverty_standard_basis IN ('report', 'period')),
    -- True for a figure about a province as formed on 1 July 2025 (a merger), not the old one of that name.
    merged_province    BOOLEAN NOT NULL,
    note               VARCHAR,
    sentence           VARCHAR,  -- only where the report's text is in the repository
    -- How the figure is shown, written by etl/display_text.py.
    value_text_vi      VARCHAR NOT NULL,
    value_text_en      VARCHAR NOT NULL,
    period_text        VARCHAR NOT NULL,
    CHECK (period_end >= period_start),
    CHECK ((area_level IN ('country', 'region')) = (province IS NULL)),
    CHECK ((poverty_standard IS NULL) = (poverty_standard_basis IS NULL)),
    CHECK (unit <> 'percent' OR value <= 100),
    UNIQUE (source_id, area, area_level, merged_province, period_start, period_end, metric, beneficiary_group,
            is_target)
);

-- Facts with everything a page shows beside them: labels, the current province, the source.
CREATE VIEW facts_labelled AS
SELECT
    facts.*,
    provinces.province_2025,
    provinces.region,
    -- The place as a reader of each language names it: proper names stay; the country and regions are
    -- translated.
    CASE facts.area_level WHEN 'country' THEN 'Cả nước' ELSE facts.area END AS place_vi,
    CASE facts.area_level WHEN 'country' THEN 'Viet Nam' WHEN 'region' THEN area_regions.label_en ELSE facts.area END
        AS place_en,
    metrics.category,
    metrics.label_vi AS metric_label_vi,
    metrics.label_en AS metric_label_en,
    metrics.measure,
    -- A topic's headline figure: its headline metric, counted for the headline group.
    CASE WHEN facts.beneficiary_group = metrics.headline_group THEN metrics.headline_rank END AS headline_rank,
    beneficiary_groups.label_vi AS group_label_vi,
    beneficiary_groups.label_en AS group_label_en,
    poverty_standards.label_vi AS poverty_standard_label_vi,
    poverty_standards.label_en AS poverty_standard_label_en,
    -- A survey's own measure (a standard chosen for no period) is not the province's review rate.
    coalesce(facts.poverty_standard IS NOT NULL AND poverty_standards.applies_from IS NULL, false) AS survey_measure,
    sources.title AS source_title,
    sources.publisher AS source_publisher,
    sources.publication_date AS source_publication_date,
    sources.published_not_before AS source_published_not_before,
    sources.published_not_after AS source_published_not_after,
    sources.url AS source_url,
    sources.kind AS source_kind,
    publishers.tier AS source_tier,
    poverty_standards.applies_from AS poverty_standard_from,
    poverty_standards.applies_to AS poverty_standard_to
FROM facts
LEFT JOIN provinces USING (province)
LEFT JOIN regions AS area_regions ON facts.area_level = 'region' AND area_regions.region = facts.area
JOIN metrics USING (metric)
JOIN beneficiary_groups USING (beneficiary_group)
LEFT JOIN poverty_standards USING (poverty_standard)
JOIN sources USING (source_id)
LEFT JOIN publishers ON publishers.publisher = sources.publisher;
