CREATE TABLE sales (
  id bigint NOT NULL,
  year_num int NOT NULL,
  PRIMARY KEY (id, year_num)
)
PARTITION BY RANGE (year_num)
(PARTITION p2022 VALUES LESS THAN (2023),
 PARTITION p2023 VALUES LESS THAN (2024));

CREATE TABLE regions (
  id bigint NOT NULL,
  region_code int NOT NULL,
  PRIMARY KEY (id, region_code)
)
PARTITION BY LIST (region_code)
(PARTITION p_north VALUES IN (1, 2),
 PARTITION p_south VALUES IN (3, 4));

CREATE TABLE sessions (id bigint NOT NULL, user_id bigint NOT NULL, PRIMARY KEY (id, user_id))
PARTITION BY HASH (user_id) PARTITIONS 2;

CREATE TABLE events (id bigint NOT NULL, kind int NOT NULL, PRIMARY KEY (id));
