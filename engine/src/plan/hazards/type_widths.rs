//! Whether a column type change keeps every value: the engine behind `narrows`, the family
//! test behind `may-fail-cast`, and the shapes the rewrite rules look at.
//!
//! Types arrive as the model's canonical strings (`crate::canon::types`). Each one is read
//! into a `Shape`; a pair of shapes gives a `Conversion`. A type this module does not know
//! is `Other`, and a change between two different types it does not know counts as
//! narrowing: better a warning too many than data lost without one.

use crate::canon::types::sqlite_affinity;
use crate::dialect::Dialect;

/// What a type change does to the values already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Conversion {
    /// The same type, or a wider one of the same family: every value stays as it is.
    Widening,
    /// Every value survives, but as another kind of value (integer → text, timestamp →
    /// timestamptz): nothing is lost, yet the cast, and what depends on the old type
    /// (defaults, checks, expression indexes, application code), may not follow.
    Convertible,
    /// Some values may not fit, or lose precision, length or range. Also every pair this
    /// module does not know.
    Narrowing,
}

/// A canonical type, read for what it can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Shape {
    /// Integers: Postgres smallint/integer/bigint, MySQL tinyint … bigint (and tinyint(1)).
    Int {
        bits: u32,
        unsigned: bool,
    },
    /// Exact decimals. `precision: None` is Postgres's unconstrained `numeric`.
    Decimal {
        precision: Option<u32>,
        scale: u32,
        unsigned: bool,
    },
    /// Binary floating point with `mantissa` bits (24: real/float, 53: double). MySQL's
    /// `FLOAT(M,D)` / `DOUBLE(M,D)` round to D decimals: `constrained`.
    Float {
        mantissa: u32,
        unsigned: bool,
        constrained: bool,
    },
    /// Character strings.
    Text(Chars),
    /// Byte strings: Postgres bytea, MySQL binary/varbinary/blobs. Lengths in bytes.
    Bytes(Chars),
    Bool,
    Uuid,
    /// `binary`: Postgres jsonb (drops duplicate keys, key order and white space).
    Json {
        binary: bool,
    },
    Date,
    /// Postgres timestamp, MySQL datetime/timestamp. `precision`: fractional digits.
    /// `zone`: Postgres `with time zone`. `short_range`: MySQL TIMESTAMP (1970–2038).
    Timestamp {
        precision: u32,
        zone: bool,
        short_range: bool,
    },
    Time {
        precision: u32,
        zone: bool,
    },
    Year,
    /// Bit strings. `varying`: Postgres `bit varying`, and MySQL `bit(n)`, which holds a
    /// number, so a longer one keeps every value; Postgres `bit(n)` pads or cuts instead.
    Bits {
        len: Option<u64>,
        varying: bool,
    },
    /// MySQL `enum(...)` (`set: false`) and `set(...)`, with their values.
    Choice {
        set: bool,
        values: Vec<String>,
    },
    /// Postgres arrays, by element type (dimensions are not enforced, so not compared).
    Array(Box<Shape>),
    /// Anything else: enum and domain names, geometry, interval, ... Only equal to itself.
    Other(String),
}

/// What a string type can hold, in characters (bytes for `Bytes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Chars {
    /// Blank-padded (`character(n)`, MySQL `char(n)` / `binary(n)`): trailing spaces (or
    /// zero bytes) do not count, so a non-padded value does not survive the trip into one.
    pub padded: bool,
    /// The longest value the type can hold. `None`: unbounded.
    pub max: Option<u64>,
    /// The length any value up to which the type surely holds, whatever the character set
    /// (MySQL TEXT types are limited in bytes: `text` holds 16,383 four-byte characters).
    /// `None`: unbounded.
    pub cap: Option<u64>,
    /// MySQL `varchar(n)` / `char(n)` / `binary(n)` / `varbinary(n)`: their values fit a row,
    /// so in at most 65,535 bytes, whatever `n` says.
    pub row_bound: bool,
    /// MySQL TEXT/BLOB types: their limit in bytes.
    pub byte_cap: Option<u64>,
}

impl Chars {
    fn unbounded() -> Self {
        Chars {
            padded: false,
            max: None,
            cap: None,
            row_bound: false,
            byte_cap: None,
        }
    }
    fn sized(n: u64, padded: bool, row_bound: bool) -> Self {
        Chars {
            padded,
            max: Some(n),
            cap: Some(n),
            row_bound,
            byte_cap: None,
        }
    }
    /// A MySQL TEXT (`per_char` = 4) or BLOB (`per_char` = 1) type of `bytes` bytes.
    fn mysql_lob(bytes: u64, per_char: u64, unbounded: bool) -> Self {
        Chars {
            padded: false,
            max: Some(bytes),
            cap: (!unbounded).then_some(bytes / per_char),
            row_bound: false,
            byte_cap: Some(bytes),
        }
    }
}

/// How `from → to` treats the values a column holds.
pub(super) fn classify(dialect: Dialect, from: &str, to: &str) -> Conversion {
    if from == to {
        return Conversion::Widening;
    }
    if dialect == Dialect::Sqlite {
        return sqlite(from, to);
    }
    convert(dialect, &parse(dialect, from), &parse(dialect, to))
}

/// SQLite keeps any value in any column; only the affinity changes. Numeric affinities turn
/// text that looks like a number into one (`'007'` → 7, `'1.50'` → 1.5): that loses data.
/// The other way, numbers become their text, which keeps them.
fn sqlite(from: &str, to: &str) -> Conversion {
    let (a, b) = (sqlite_affinity(from), sqlite_affinity(to));
    // `ANY` (a STRICT table's; elsewhere it reads as NUMERIC) keeps every value as it is.
    if a == b || to == "ANY" {
        Conversion::Widening
    } else if matches!(a, "TEXT" | "BLOB") && matches!(b, "INTEGER" | "REAL" | "NUMERIC") {
        Conversion::Narrowing
    } else {
        Conversion::Convertible
    }
}

/// Reads a canonical type of `dialect`.
pub(super) fn parse(dialect: Dialect, ty: &str) -> Shape {
    match dialect {
        Dialect::Postgres => postgres(ty),
        Dialect::Mysql => mysql(ty),
        Dialect::Sqlite => Shape::Other(sqlite_affinity(ty).to_string()),
    }
}

/// `name(args) rest`, args without the parentheses.
fn split(ty: &str) -> (&str, Option<&str>, &str) {
    match (ty.find('('), ty.find(')')) {
        (Some(open), Some(close)) if close > open => (
            ty[..open].trim(),
            Some(&ty[open + 1..close]),
            ty[close + 1..].trim(),
        ),
        _ => (ty.trim(), None, ""),
    }
}

fn num(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

/// `p` or `p,s`.
fn precision_scale(args: &str) -> Option<(u32, u32)> {
    match args.split_once(',') {
        Some((p, s)) => Some((p.trim().parse().ok()?, s.trim().parse().ok()?)),
        None => Some((args.trim().parse().ok()?, 0)),
    }
}

fn postgres(ty: &str) -> Shape {
    if let Some(element) = ty.strip_suffix("[]") {
        return Shape::Array(Box::new(postgres(element.trim_end())));
    }
    let (base, args, rest) = split(ty);
    let other = || Shape::Other(ty.to_string());
    let sized = |padded: bool| match args.and_then(num) {
        Some(n) => Shape::Text(Chars::sized(n, padded, false)),
        None if args.is_none() => Shape::Text(Chars {
            padded,
            ..Chars::unbounded()
        }),
        None => other(),
    };
    // `timestamp(3) with time zone`: the zone words are after the arguments, or, without
    // arguments, part of the base.
    let zone_words = if args.is_some() { rest } else { base };
    let zone = zone_words.ends_with("with time zone");
    let fraction = match args {
        Some(a) => num(a).map(|p| p as u32),
        None => Some(6),
    };
    match base {
        "smallint" => Shape::Int {
            bits: 16,
            unsigned: false,
        },
        "integer" => Shape::Int {
            bits: 32,
            unsigned: false,
        },
        "bigint" => Shape::Int {
            bits: 64,
            unsigned: false,
        },
        "numeric" => match args {
            None => Shape::Decimal {
                precision: None,
                scale: 0,
                unsigned: false,
            },
            Some(a) => match precision_scale(a) {
                Some((p, s)) => Shape::Decimal {
                    precision: Some(p),
                    scale: s,
                    unsigned: false,
                },
                None => other(),
            },
        },
        "real" => Shape::Float {
            mantissa: 24,
            unsigned: false,
            constrained: false,
        },
        "double precision" => Shape::Float {
            mantissa: 53,
            unsigned: false,
            constrained: false,
        },
        "text" => Shape::Text(Chars::unbounded()),
        "character varying" => sized(false),
        "character" => sized(true),
        "bpchar" => Shape::Text(Chars {
            padded: true,
            ..Chars::unbounded()
        }),
        "boolean" => Shape::Bool,
        "uuid" => Shape::Uuid,
        "json" => Shape::Json { binary: false },
        "jsonb" => Shape::Json { binary: true },
        "date" => Shape::Date,
        "bytea" => Shape::Bytes(Chars::unbounded()),
        "bit" => match args.and_then(num) {
            Some(n) => Shape::Bits {
                len: Some(n),
                varying: false,
            },
            None => other(),
        },
        "bit varying" => Shape::Bits {
            len: args.and_then(num),
            varying: true,
        },
        b if b.starts_with("timestamp") && (b == "timestamp" || args.is_none()) => match fraction {
            Some(precision) => Shape::Timestamp {
                precision,
                zone,
                short_range: false,
            },
            None => other(),
        },
        b if b.starts_with("time ") || b == "time" => match fraction {
            Some(precision) => Shape::Time { precision, zone },
            None => other(),
        },
        _ => other(),
    }
}

fn mysql(ty: &str) -> Shape {
    if let Some(choice) = mysql_choice(ty) {
        return choice;
    }
    let (base, args, rest) = split(ty);
    // No MySQL type name has a space: `int unsigned` is `int` and its attributes.
    let (base, rest) = match base.split_once(' ') {
        Some((b, r)) if args.is_none() => (b, r),
        _ => (base, rest),
    };
    let unsigned = rest.split_whitespace().any(|w| w == "unsigned");
    let other = || Shape::Other(ty.to_string());
    let int = |bits| Shape::Int { bits, unsigned };
    let length = args.and_then(num);
    let fraction = match args {
        Some(a) => num(a).map(|p| p as u32),
        None => Some(0),
    };
    match base {
        "tinyint" => int(8),
        "smallint" => int(16),
        "mediumint" => int(24),
        "int" => int(32),
        "bigint" => int(64),
        "decimal" => match args.and_then(precision_scale) {
            Some((p, s)) => Shape::Decimal {
                precision: Some(p),
                scale: s,
                unsigned,
            },
            None if args.is_none() => Shape::Decimal {
                precision: Some(10),
                scale: 0,
                unsigned,
            },
            None => other(),
        },
        "float" | "double" => Shape::Float {
            mantissa: if base == "float" { 24 } else { 53 },
            unsigned,
            constrained: args.is_some(),
        },
        "varchar" => match length {
            Some(n) => Shape::Text(Chars::sized(n, false, true)),
            None => other(),
        },
        "char" => Shape::Text(Chars::sized(length.unwrap_or(1), true, true)),
        "tinytext" => Shape::Text(Chars::mysql_lob(255, 4, false)),
        "text" => Shape::Text(Chars::mysql_lob(65_535, 4, false)),
        "mediumtext" => Shape::Text(Chars::mysql_lob(16_777_215, 4, false)),
        "longtext" => Shape::Text(Chars::mysql_lob(4_294_967_295, 4, true)),
        "varbinary" => match length {
            Some(n) => Shape::Bytes(Chars::sized(n, false, true)),
            None => other(),
        },
        "binary" => Shape::Bytes(Chars::sized(length.unwrap_or(1), true, true)),
        "tinyblob" => Shape::Bytes(Chars::mysql_lob(255, 1, false)),
        "blob" => Shape::Bytes(Chars::mysql_lob(65_535, 1, false)),
        "mediumblob" => Shape::Bytes(Chars::mysql_lob(16_777_215, 1, false)),
        "longblob" => Shape::Bytes(Chars::mysql_lob(4_294_967_295, 1, true)),
        "json" => Shape::Json { binary: false },
        "date" => Shape::Date,
        "datetime" | "timestamp" => match fraction {
            Some(precision) => Shape::Timestamp {
                precision,
                zone: false,
                short_range: base == "timestamp",
            },
            None => other(),
        },
        "time" => match fraction {
            Some(precision) => Shape::Time {
                precision,
                zone: false,
            },
            None => other(),
        },
        "year" => Shape::Year,
        "bit" => Shape::Bits {
            len: Some(length.unwrap_or(1)),
            varying: true,
        },
        _ => other(),
    }
}

/// MySQL `enum('a','b')` / `set('a','b')` as canonicalisation writes them: values quoted,
/// `''` for a quote inside, separated by bare commas.
fn mysql_choice(ty: &str) -> Option<Shape> {
    let set = if ty.starts_with("enum(") {
        false
    } else if ty.starts_with("set(") {
        true
    } else {
        return None;
    };
    let inner = &ty[ty.find('(')? + 1..];
    let mut values = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let mut v = String::new();
                while let Some(d) = chars.next() {
                    if d == '\'' {
                        if chars.peek() == Some(&'\'') {
                            chars.next();
                            v.push('\'');
                        } else {
                            break;
                        }
                    } else {
                        v.push(d);
                    }
                }
                values.push(v);
            }
            ')' => break,
            _ => {}
        }
    }
    Some(Shape::Choice { set, values })
}

/// The values of a MySQL enum or set type; `None` for other types and dialects.
pub(super) fn mysql_choice_values(dialect: Dialect, ty: &str) -> Option<(bool, Vec<String>)> {
    if dialect != Dialect::Mysql {
        return None;
    }
    match mysql_choice(ty)? {
        Shape::Choice { set, values } => Some((set, values)),
        _ => None,
    }
}

/// The smallest and largest value of an integer type.
fn int_range(bits: u32, unsigned: bool) -> (i128, i128) {
    if unsigned {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    }
}

/// Decimal digits of a non-negative number.
fn digits(mut n: u128) -> u32 {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Significant decimal digits a float keeps exactly on a round trip (FLT_DIG, DBL_DIG).
fn float_digits(mantissa: u32) -> u32 {
    if mantissa >= 53 {
        15
    } else {
        6
    }
}

fn fits(ok: bool, then: Conversion) -> Conversion {
    if ok {
        then
    } else {
        Conversion::Narrowing
    }
}

/// Whether every string of `a` survives in `b`.
fn chars_fit(a: &Chars, b: &Chars) -> bool {
    if b.padded && !a.padded {
        // Trailing blanks stop counting: 'a ' and 'a' become one value.
        return false;
    }
    match b.cap {
        None => true,
        Some(cap) => {
            a.max.is_some_and(|m| m <= cap)
                || (a.row_bound && b.byte_cap.is_some_and(|bytes| bytes >= 65_535))
        }
    }
}

/// The longest text a value of `shape` prints as, if it is bounded and known.
fn text_len(dialect: Dialect, shape: &Shape) -> Option<u64> {
    let pg = dialect == Dialect::Postgres;
    Some(match shape {
        Shape::Int { bits, unsigned } => {
            let (min, max) = int_range(*bits, *unsigned);
            u64::from(digits(min.unsigned_abs().max(max as u128))) + u64::from(min < 0)
        }
        // Sign, point and a leading zero.
        Shape::Decimal {
            precision: Some(p), ..
        } => u64::from(*p) + 3,
        Shape::Float { mantissa, .. } => {
            if *mantissa >= 53 {
                24
            } else {
                15
            }
        }
        Shape::Bool => 5,
        Shape::Uuid => 36,
        // Postgres years run to 5874897, and BC dates say so.
        Shape::Date => {
            if pg {
                16
            } else {
                10
            }
        }
        Shape::Timestamp { precision, .. } => {
            if pg {
                40
            } else {
                19 + u64::from(*precision) + u64::from(*precision > 0)
            }
        }
        Shape::Time { precision, .. } => {
            if pg {
                21
            } else {
                10 + u64::from(*precision) + u64::from(*precision > 0)
            }
        }
        Shape::Year => 4,
        Shape::Choice { set: false, values } => {
            values.iter().map(|v| v.chars().count() as u64).max()?
        }
        Shape::Choice { set: true, values } => {
            values.iter().map(|v| v.chars().count() as u64 + 1).sum()
        }
        _ => return None,
    })
}

fn convert(dialect: Dialect, from: &Shape, to: &Shape) -> Conversion {
    use Conversion::*;
    use Shape::*;
    if from == to {
        return Widening;
    }
    match (from, to) {
        (
            Int {
                bits: a,
                unsigned: ua,
            },
            Int {
                bits: b,
                unsigned: ub,
            },
        ) => {
            let ((amin, amax), (bmin, bmax)) = (int_range(*a, *ua), int_range(*b, *ub));
            fits(bmin <= amin && amax <= bmax, Widening)
        }
        (
            Int { bits, unsigned },
            Decimal {
                precision,
                scale,
                unsigned: du,
            },
        ) => {
            let (min, max) = int_range(*bits, *unsigned);
            let whole = match precision {
                None => true,
                Some(p) => {
                    let need = digits(min.unsigned_abs().max(max as u128));
                    p.saturating_sub(*scale) >= need
                }
            };
            fits(whole && (!du || min >= 0), Widening)
        }
        (
            Decimal {
                precision: Some(p),
                scale: 0,
                unsigned: du,
            },
            Int { bits, unsigned },
        ) => {
            let (min, max) = int_range(*bits, *unsigned);
            let ok = 10i128.checked_pow(*p).is_some_and(|limit| {
                let top = limit - 1;
                let bottom = if *du { 0 } else { -top };
                min <= bottom && top <= max
            });
            fits(ok, Widening)
        }
        (
            Decimal {
                precision: pa,
                scale: sa,
                unsigned: ua,
            },
            Decimal {
                precision: pb,
                scale: sb,
                unsigned: ub,
            },
        ) => {
            let sign_ok = !ub || *ua;
            let size_ok = match (pa, pb) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(pa), Some(pb)) => {
                    sb >= sa && pb.saturating_sub(*sb) >= pa.saturating_sub(*sa)
                }
            };
            fits(sign_ok && size_ok, Widening)
        }
        (
            Int { bits, unsigned },
            Float {
                mantissa,
                unsigned: fu,
                constrained: false,
            },
        ) => {
            let (min, max) = int_range(*bits, *unsigned);
            let magnitude = min.unsigned_abs().max(max as u128);
            fits(
                magnitude <= 1u128 << mantissa && (!fu || min >= 0),
                Convertible,
            )
        }
        (
            Decimal {
                precision: Some(p),
                unsigned: du,
                ..
            },
            Float {
                mantissa,
                unsigned: fu,
                constrained: false,
            },
        ) => fits(*p <= float_digits(*mantissa) && (!fu || *du), Convertible),
        (
            Float {
                mantissa: a,
                unsigned: ua,
                ..
            },
            Float {
                mantissa: b,
                unsigned: ub,
                constrained,
            },
        ) => fits(b >= a && (!ub || *ua) && !constrained, Widening),
        (Text(a), Text(b)) | (Bytes(a), Bytes(b)) => fits(chars_fit(a, b), Widening),
        (Bool, Int { .. }) if dialect == Dialect::Postgres => Convertible,
        (
            Date,
            Timestamp {
                zone, short_range, ..
            },
        ) => fits(!short_range, if *zone { Convertible } else { Widening }),
        (
            Timestamp {
                precision: pa,
                zone: za,
                short_range: ra,
            },
            Timestamp {
                precision: pb,
                zone: zb,
                short_range: rb,
            },
        ) => {
            let ok = pb >= pa && (*ra || !rb) && (!za || *zb);
            fits(ok, if za == zb { Widening } else { Convertible })
        }
        (
            Time {
                precision: pa,
                zone: za,
            },
            Time {
                precision: pb,
                zone: zb,
            },
        ) => fits(
            pb >= pa && (!za || *zb),
            if za == zb { Widening } else { Convertible },
        ),
        (
            Bits { len: la, .. },
            Bits {
                len: lb,
                varying: true,
            },
        ) => {
            // A fixed bit(n) also fits a longer varying one: its values keep their length.
            let ok = match (la, lb) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(a), Some(b)) => b >= a,
            };
            fits(ok, Widening)
        }
        // jsonb → json keeps every document; json → jsonb drops duplicate keys, key
        // order and white space, so it falls through to narrowing.
        (Json { binary: true }, Json { binary: false }) => Convertible,
        (Choice { set: sa, values: a }, Choice { set: sb, values: b }) => {
            fits(sa == sb && a.iter().all(|v| b.contains(v)), Widening)
        }
        (Array(a), Array(b)) => convert(dialect, a, b),
        // Into text: every value has a printed form. Postgres prints any type (I/O
        // conversion), so an unbounded text holds anything; otherwise the printed form
        // must be known to fit.
        (from, Text(b)) if !matches!(from, Text(_)) => {
            let ok = match text_len(dialect, from) {
                Some(n) => !b.padded && b.cap.is_none_or(|cap| n <= cap),
                None => {
                    b.cap.is_none()
                        && !b.padded
                        && (dialect == Dialect::Postgres || matches!(from, Json { .. }))
                }
            };
            fits(ok, Convertible)
        }
        _ => Narrowing,
    }
}

/// Postgres changes these without a rewrite: the old bytes are valid for the new type
/// (binary coercible, or a relaxed type modifier, since 9.2): a longer or unbounded
/// varchar, varchar ↔ text, more numeric precision at the same scale or no limit, more
/// fractional digits for timestamp/time, a longer or unbounded bit varying. Anything else
/// rewrites the table.
pub(super) fn pg_keeps_rows(from: &str, to: &str) -> bool {
    use Shape::*;
    match (postgres(from), postgres(to)) {
        (Text(a), Text(b)) => {
            !a.padded && !b.padded && (b.cap.is_none() || (a.max.is_some() && b.cap >= a.max))
        }
        (
            Decimal {
                precision: Some(pa),
                scale: sa,
                ..
            },
            Decimal {
                precision: pb,
                scale: sb,
                ..
            },
        ) => match pb {
            None => true,
            Some(pb) => sa == sb && pb >= pa,
        },
        (
            Timestamp {
                precision: pa,
                zone: za,
                ..
            },
            Timestamp {
                precision: pb,
                zone: zb,
                ..
            },
        )
        | (
            Time {
                precision: pa,
                zone: za,
            },
            Time {
                precision: pb,
                zone: zb,
            },
        ) => za == zb && pb >= pa,
        (
            Bits {
                len: la,
                varying: true,
            },
            Bits {
                len: lb,
                varying: true,
            },
        ) => match (la, lb) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => b >= a,
        },
        _ => false,
    }
}
