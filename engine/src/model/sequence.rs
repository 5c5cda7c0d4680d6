//! The options of the sequence behind a PostgreSQL identity or serial column. Only what
//! differs from PostgreSQL's defaults is kept, so `INCREMENT BY 1` written out and left out
//! compare equal, and a model written by hand stays short.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SequenceOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cycle: bool,
}

/// Every option with its value, the defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EffectiveSequence {
    pub increment: i64,
    pub min: i64,
    pub max: i64,
    pub start: i64,
    pub cache: i64,
    pub cycle: bool,
}

/// The range of a sequence's type: the column's, `smallint`, `integer` or `bigint`.
pub fn type_range(data_type: &str) -> (i64, i64) {
    match data_type {
        "smallint" => (i16::MIN.into(), i16::MAX.into()),
        "integer" => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN, i64::MAX),
    }
}

impl SequenceOptions {
    /// The values the server holds for these options on a sequence of `data_type`
    /// (CREATE SEQUENCE: ascending from 1 to the type's maximum, descending from -1 down).
    pub fn effective(&self, data_type: &str) -> EffectiveSequence {
        let (lo, hi) = type_range(data_type);
        let increment = self.increment.unwrap_or(1);
        let up = increment > 0;
        let min = self.min.unwrap_or(if up { 1 } else { lo });
        let max = self.max.unwrap_or(if up { hi } else { -1 });
        EffectiveSequence {
            increment,
            min,
            max,
            start: self.start.unwrap_or(if up { min } else { max }),
            cache: self.cache.unwrap_or(1),
            cycle: self.cycle,
        }
    }

    /// `INCREMENT BY 5`, ... for what these options set beyond a fresh sequence's defaults.
    pub fn clauses(&self, data_type: &str) -> Vec<String> {
        let fresh = SequenceOptions::default().effective(data_type);
        self.effective(data_type).clauses_differing(&fresh)
    }

    /// The same options with the values that are defaults left out; `None` when all are.
    pub fn canonical(&self, data_type: &str) -> Option<SequenceOptions> {
        let e = self.effective(data_type);
        let d = SequenceOptions {
            increment: Some(e.increment),
            ..Default::default()
        }
        .effective(data_type);
        let keep = |v: i64, default: i64| (v != default).then_some(v);
        let out = SequenceOptions {
            increment: keep(e.increment, 1),
            min: keep(e.min, d.min),
            max: keep(e.max, d.max),
            // START's default follows MINVALUE / MAXVALUE as given.
            start: keep(e.start, if e.increment > 0 { e.min } else { e.max }),
            cache: keep(e.cache, 1),
            cycle: e.cycle,
        };
        (out != SequenceOptions::default()).then_some(out)
    }
}

impl EffectiveSequence {
    /// Why PostgreSQL would refuse a sequence of type `data_type` holding these values, in
    /// its words; `None` when it accepts them.
    pub fn refusal(&self, data_type: &str) -> Option<String> {
        let (lo, hi) = type_range(data_type);
        let out_of_type = |what: &str, v: i64| {
            (v < lo || v > hi)
                .then(|| format!("{what} ({v}) is out of range for sequence data type {data_type}"))
        };
        if self.increment == 0 {
            return Some("INCREMENT must not be zero".into());
        }
        out_of_type("MAXVALUE", self.max)
            .or_else(|| out_of_type("MINVALUE", self.min))
            .or_else(|| {
                (self.min >= self.max).then(|| {
                    format!(
                        "MINVALUE ({}) must be less than MAXVALUE ({})",
                        self.min, self.max
                    )
                })
            })
            .or_else(|| {
                (self.start < self.min).then(|| {
                    format!(
                        "START value ({}) cannot be less than MINVALUE ({})",
                        self.start, self.min
                    )
                })
            })
            .or_else(|| {
                (self.start > self.max).then(|| {
                    format!(
                        "START value ({}) cannot be greater than MAXVALUE ({})",
                        self.start, self.max
                    )
                })
            })
            .or_else(|| {
                (self.cache < 1)
                    .then(|| format!("CACHE ({}) must be greater than zero", self.cache))
            })
    }

    /// The model's options for a sequence holding these values behind a column of type
    /// `column_type` (whose type the sequence's defaults follow).
    pub fn options(&self, column_type: &str) -> Option<SequenceOptions> {
        SequenceOptions {
            increment: Some(self.increment),
            min: Some(self.min),
            max: Some(self.max),
            start: Some(self.start),
            cache: Some(self.cache),
            cycle: self.cycle,
        }
        .canonical(column_type)
    }

    /// `INCREMENT BY 5`, `MINVALUE 1`, ... for the options that differ from `other`'s, in the
    /// order CREATE SEQUENCE lists them.
    pub fn clauses_differing(&self, other: &EffectiveSequence) -> Vec<String> {
        let mut out = Vec::new();
        let mut num = |differs: bool, what: &str, v: i64| {
            if differs {
                out.push(format!("{what} {v}"));
            }
        };
        num(
            self.increment != other.increment,
            "INCREMENT BY",
            self.increment,
        );
        num(self.min != other.min, "MINVALUE", self.min);
        num(self.max != other.max, "MAXVALUE", self.max);
        num(self.start != other.start, "START WITH", self.start);
        num(self.cache != other.cache, "CACHE", self.cache);
        if self.cycle != other.cycle {
            out.push(if self.cycle { "CYCLE" } else { "NO CYCLE" }.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_left_out() {
        let written = SequenceOptions {
            increment: Some(1),
            min: Some(1),
            max: Some(i32::MAX.into()),
            start: Some(1),
            cache: Some(1),
            cycle: false,
        };
        assert_eq!(written.canonical("integer"), None);
        let down = SequenceOptions {
            increment: Some(-1),
            max: Some(-1),
            start: Some(-1),
            ..Default::default()
        };
        assert_eq!(
            down.canonical("bigint"),
            Some(SequenceOptions {
                increment: Some(-1),
                ..Default::default()
            })
        );
        // A START equal to a MINVALUE given is START's default.
        let from_ten = SequenceOptions {
            min: Some(10),
            start: Some(10),
            ..Default::default()
        };
        assert_eq!(from_ten.canonical("integer").unwrap().start, None);
    }

    #[test]
    fn refusals_are_the_servers() {
        let ok = SequenceOptions::default().effective("integer");
        assert_eq!(ok.refusal("integer"), None);
        let raised = EffectiveSequence { min: 500, ..ok };
        assert_eq!(
            raised.refusal("integer").as_deref(),
            Some("START value (1) cannot be less than MINVALUE (500)")
        );
        let wide = EffectiveSequence {
            max: i64::MAX,
            ..ok
        };
        assert!(wide.refusal("integer").unwrap().contains("out of range"));
        assert!(EffectiveSequence { increment: 0, ..ok }
            .refusal("integer")
            .is_some());
    }

    #[test]
    fn clauses_name_what_differs() {
        let a = SequenceOptions::default().effective("integer");
        let b = SequenceOptions {
            increment: Some(5),
            cycle: true,
            ..Default::default()
        }
        .effective("integer");
        assert_eq!(b.clauses_differing(&a), ["INCREMENT BY 5", "CYCLE"]);
    }
}
