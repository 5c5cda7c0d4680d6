--
-- pg_dump 15.20 --schema-only of engine/tests/plans/postgres/partitions/from.sql (its \restrict lines left out: psql runs them, the server cannot)
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.accounts (
    id integer NOT NULL,
    name text
)
PARTITION BY HASH (id);


ALTER TABLE public.accounts OWNER TO postgres;

SET default_table_access_method = heap;

--
-- Name: accounts_0; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.accounts_0 (
    id integer NOT NULL,
    name text
);


ALTER TABLE public.accounts_0 OWNER TO postgres;

--
-- Name: accounts_1; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.accounts_1 (
    id integer NOT NULL,
    name text
);


ALTER TABLE public.accounts_1 OWNER TO postgres;

--
-- Name: events; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events (
    id integer NOT NULL,
    kind text NOT NULL,
    region smallint
)
PARTITION BY LIST (kind);


ALTER TABLE public.events OWNER TO postgres;

--
-- Name: events_other; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events_other (
    id integer NOT NULL,
    kind text NOT NULL,
    region smallint
);


ALTER TABLE public.events_other OWNER TO postgres;

--
-- Name: events_web; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events_web (
    id integer NOT NULL,
    kind text NOT NULL,
    region smallint
);


ALTER TABLE public.events_web OWNER TO postgres;

--
-- Name: logs; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.logs (
    id integer NOT NULL,
    at timestamp without time zone NOT NULL,
    level integer NOT NULL
)
PARTITION BY RANGE (at);


ALTER TABLE public.logs OWNER TO postgres;

--
-- Name: logs_2024; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.logs_2024 (
    id integer NOT NULL,
    at timestamp without time zone NOT NULL,
    level integer NOT NULL
)
PARTITION BY LIST (level);


ALTER TABLE public.logs_2024 OWNER TO postgres;

--
-- Name: logs_2024_low; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.logs_2024_low (
    id integer NOT NULL,
    at timestamp without time zone NOT NULL,
    level integer NOT NULL
);


ALTER TABLE public.logs_2024_low OWNER TO postgres;

--
-- Name: measurements; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurements (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    reading numeric(8,2)
)
PARTITION BY RANGE (taken_on);


ALTER TABLE public.measurements OWNER TO postgres;

--
-- Name: measurements_2023; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurements_2023 (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    reading numeric(8,2)
);


ALTER TABLE public.measurements_2023 OWNER TO postgres;

--
-- Name: measurements_2024; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurements_2024 (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    reading numeric(8,2)
);


ALTER TABLE public.measurements_2024 OWNER TO postgres;

--
-- Name: measurements_old; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurements_old (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    reading numeric(8,2)
);


ALTER TABLE public.measurements_old OWNER TO postgres;

--
-- Name: accounts_0; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts ATTACH PARTITION public.accounts_0 FOR VALUES WITH (modulus 2, remainder 0);


--
-- Name: accounts_1; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts ATTACH PARTITION public.accounts_1 FOR VALUES WITH (modulus 2, remainder 1);


--
-- Name: events_other; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_other DEFAULT;


--
-- Name: events_web; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_web FOR VALUES IN ('web', 'mobile');


--
-- Name: logs_2024; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.logs ATTACH PARTITION public.logs_2024 FOR VALUES FROM ('2024-01-01 00:00:00') TO ('2025-01-01 00:00:00');


--
-- Name: logs_2024_low; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.logs_2024 ATTACH PARTITION public.logs_2024_low FOR VALUES IN (1, 2, '-1');


--
-- Name: measurements_2023; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements ATTACH PARTITION public.measurements_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');


--
-- Name: measurements_2024; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements ATTACH PARTITION public.measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');


--
-- Name: measurements_old; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements ATTACH PARTITION public.measurements_old FOR VALUES FROM (MINVALUE) TO ('2020-01-01');


--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: accounts_0 accounts_0_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts_0
    ADD CONSTRAINT accounts_0_pkey PRIMARY KEY (id);


--
-- Name: accounts_1 accounts_1_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts_1
    ADD CONSTRAINT accounts_1_pkey PRIMARY KEY (id);


--
-- Name: measurements measurements_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements
    ADD CONSTRAINT measurements_pkey PRIMARY KEY (id, taken_on);


--
-- Name: measurements_2023 measurements_2023_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements_2023
    ADD CONSTRAINT measurements_2023_pkey PRIMARY KEY (id, taken_on);


--
-- Name: measurements_2024 measurements_2024_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements_2024
    ADD CONSTRAINT measurements_2024_pkey PRIMARY KEY (id, taken_on);


--
-- Name: measurements_old measurements_old_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurements_old
    ADD CONSTRAINT measurements_old_pkey PRIMARY KEY (id, taken_on);


--
-- Name: measurements_reading; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX measurements_reading ON ONLY public.measurements USING btree (reading);


--
-- Name: measurements_2023_reading_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX measurements_2023_reading_idx ON public.measurements_2023 USING btree (reading);


--
-- Name: measurements_2024_reading_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX measurements_2024_reading_idx ON public.measurements_2024 USING btree (reading);


--
-- Name: measurements_old_reading_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX measurements_old_reading_idx ON public.measurements_old USING btree (reading);


--
-- Name: accounts_0_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.accounts_pkey ATTACH PARTITION public.accounts_0_pkey;


--
-- Name: accounts_1_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.accounts_pkey ATTACH PARTITION public.accounts_1_pkey;


--
-- Name: measurements_2023_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.measurements_pkey ATTACH PARTITION public.measurements_2023_pkey;


--
-- Name: measurements_2023_reading_idx; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.measurements_reading ATTACH PARTITION public.measurements_2023_reading_idx;


--
-- Name: measurements_2024_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.measurements_pkey ATTACH PARTITION public.measurements_2024_pkey;


--
-- Name: measurements_2024_reading_idx; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.measurements_reading ATTACH PARTITION public.measurements_2024_reading_idx;


--
-- Name: measurements_old_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.measurements_pkey ATTACH PARTITION public.measurements_old_pkey;


--
-- Name: measurements_old_reading_idx; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.measurements_reading ATTACH PARTITION public.measurements_old_reading_idx;


--
-- PostgreSQL database dump complete
--


