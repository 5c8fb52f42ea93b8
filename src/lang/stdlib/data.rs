//! Data for data scenes (numpy's everyday part): seeded random numbers that are the same on
//! every run and every frame (a pure function of the seed), ranges, sorting, statistics,
//! least-squares polynomial fits, and CSV/JSON files read from beside the scene.

use std::sync::Arc;

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::lang::interp::{Interp, R};
use crate::lang::value::Value;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "uniform",
        kind: Kind::Function,
        params: params![p("low", Ty::Num, Def::Num(0.0)), p("high", Ty::Num, Def::Num(1.0)), n("size", Ty::Num, Def::Opt), n("seed", Ty::Num, Def::Num(0.0))],
        doc: "a random number in [low, high), or `size` of them; the same for the same `seed` (numpy's random.uniform)",
        run: |it, c| {
            let (lo, hi) = (c.num("low"), c.num("high"));
            sample(it, c, |r| lo + (hi - lo) * r.next_f64())
        },
    },
    Entry {
        name: "normal",
        kind: Kind::Function,
        params: params![p("loc", Ty::Num, Def::Num(0.0)), p("scale", Ty::Num, Def::Num(1.0)), n("size", Ty::Num, Def::Opt), n("seed", Ty::Num, Def::Num(0.0))],
        doc: "a normally distributed random number (mean `loc`, deviation `scale`), or `size` of them, fixed by `seed` (numpy's random.normal)",
        run: |it, c| {
            let (m, s) = (c.num("loc"), c.num("scale"));
            sample(it, c, |r| m + s * r.next_normal())
        },
    },
    Entry {
        name: "choice",
        kind: Kind::Function,
        params: params![p("items", Ty::Any, Def::Req), n("size", Ty::Num, Def::Opt), n("seed", Ty::Num, Def::Num(0.0))],
        doc: "random items of a list (or of 0..n for a number n), with replacement, fixed by `seed` (numpy's random.choice)",
        run: |it, c| {
            let items: Vec<Value> = match c.value("items") {
                Some(Value::List(l)) => l.to_vec(),
                Some(v @ (Value::Num(_) | Value::Tracker(_))) => {
                    let k = it.num(&v, c.span_of("items"))?;
                    if !(1.0..=1e6).contains(&k) {
                        return Err(c.err(it, "items", "choose from 1 to 1000000 numbers"));
                    }
                    (0..k as usize).map(|i| Value::Num(i as f64)).collect()
                }
                _ => return Err(c.err(it, "items", "`choice` picks from a list or from 0..n")),
            };
            if items.is_empty() {
                return Err(c.err(it, "items", "`choice` of an empty list"));
            }
            let n = items.len();
            let mut rng = Rng::new(c.num("seed"));
            let one = |r: &mut Rng| items[(r.next_f64() * n as f64) as usize % n].clone();
            match size(it, c)? {
                None => Ok(one(&mut rng)),
                Some(k) => Ok(list((0..k).map(|_| one(&mut rng)).collect())),
            }
        },
    },
    Entry {
        name: "linspace",
        kind: Kind::Function,
        params: params![p("start", Ty::Num, Def::Req), p("stop", Ty::Num, Def::Req), p("num", Ty::Num, Def::Num(50.0))],
        doc: "`num` evenly spaced numbers from start to stop, both included (numpy's linspace)",
        run: |it, c| {
            let k = c.num("num");
            if !(1.0..=1e6).contains(&k) || k.fract() != 0.0 {
                return Err(c.err(it, "num", "`num` must be a whole number from 1 to 1000000"));
            }
            let (a, b, k) = (c.num("start"), c.num("stop"), k as usize);
            let step = if k > 1 { (b - a) / (k - 1) as f64 } else { 0.0 };
            Ok(list((0..k).map(|i| Value::Num(a + step * i as f64)).collect()))
        },
    },
    Entry {
        name: "sort",
        kind: Kind::Function,
        params: params![p("list", Ty::Nums, Def::Req)],
        doc: "the numbers in increasing order",
        run: |_, c| {
            let mut v = c.opt_nums("list").unwrap_or_default();
            v.sort_by(|a, b| a.total_cmp(b));
            Ok(nums(v))
        },
    },
    Entry {
        name: "argsort",
        kind: Kind::Function,
        params: params![p("list", Ty::Nums, Def::Req)],
        doc: "the indices that would sort the numbers (numpy's argsort; ties keep their order)",
        run: |_, c| {
            let v = c.opt_nums("list").unwrap_or_default();
            let mut idx: Vec<usize> = (0..v.len()).collect();
            idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
            Ok(nums(idx.into_iter().map(|i| i as f64).collect()))
        },
    },
    Entry {
        name: "sum",
        kind: Kind::Function,
        params: params![p("list", Ty::Nums, Def::Req)],
        doc: "the sum of the numbers (0 for an empty list)",
        run: |_, c| Ok(Value::Num(c.opt_nums("list").unwrap_or_default().iter().sum())),
    },
    Entry {
        name: "mean",
        kind: Kind::Function,
        params: params![p("list", Ty::Nums, Def::Req)],
        doc: "the average of the numbers",
        run: |it, c| {
            let v = nonempty(it, c)?;
            Ok(Value::Num(v.iter().sum::<f64>() / v.len() as f64))
        },
    },
    Entry {
        name: "std",
        kind: Kind::Function,
        params: params![p("list", Ty::Nums, Def::Req), n("ddof", Ty::Num, Def::Num(0.0))],
        doc: "the standard deviation (population by default, `ddof: 1` for a sample), as numpy's std",
        run: |it, c| {
            let v = nonempty(it, c)?;
            let m = v.iter().sum::<f64>() / v.len() as f64;
            let d = v.len() as f64 - c.num("ddof");
            if d <= 0.0 {
                return Err(c.err(it, "ddof", "`ddof` must be smaller than the number of values"));
            }
            Ok(Value::Num((v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / d).sqrt()))
        },
    },
    Entry {
        name: "polyfit",
        kind: Kind::Function,
        params: params![p("x", Ty::Nums, Def::Req), p("y", Ty::Nums, Def::Req), p("deg", Ty::Num, Def::Req)],
        doc: "least-squares polynomial coefficients, highest power first (numpy's polyfit)",
        run: |it, c| {
            let (x, y) = (c.opt_nums("x").unwrap_or_default(), c.opt_nums("y").unwrap_or_default());
            let d = c.num("deg");
            if !(0.0..=20.0).contains(&d) || d.fract() != 0.0 {
                return Err(c.err(it, "deg", "`deg` must be a whole number from 0 to 20"));
            }
            if x.len() != y.len() || x.len() <= d as usize {
                return Err(it.err(format!("`polyfit` needs as many x as y values, more than `deg` ({} and {} given)", x.len(), y.len()), c.span.clone()));
            }
            let coef = polyfit(&x, &y, d as usize).ok_or_else(|| it.err("`polyfit`: the x values do not determine a polynomial of this degree", c.span.clone()))?;
            Ok(nums(coef))
        },
    },
    Entry {
        name: "polyval",
        kind: Kind::Function,
        params: params![p("coefficients", Ty::Nums, Def::Req), p("x", Ty::Num, Def::Req)],
        doc: "the polynomial with these coefficients (highest power first) at x (numpy's polyval)",
        run: |_, c| {
            let x = c.num("x");
            Ok(Value::Num(c.opt_nums("coefficients").unwrap_or_default().iter().fold(0.0, |acc, k| acc * x + k)))
        },
    },
    Entry {
        name: "read_csv",
        kind: Kind::Function,
        params: params![p("path", Ty::Str, Def::Req), n("column", Ty::Any, Def::Opt), n("header", Ty::Bool, Def::Bool(true))],
        doc: "a CSV file beside the scene: a list of rows (numbers where they parse), or one `column` by name or index",
        run: read_csv,
    },
    Entry {
        name: "read_json",
        kind: Kind::Function,
        params: params![p("path", Ty::Str, Def::Req), n("key", Ty::Str, Def::Opt)],
        doc: "a JSON file beside the scene as numbers, strings, booleans and lists; `key: \"a.b\"` picks a field of its objects",
        run: read_json,
    },
];

fn list(v: Vec<Value>) -> Value {
    Value::List(Arc::new(v))
}
fn nums(v: Vec<f64>) -> Value {
    list(v.into_iter().map(Value::Num).collect())
}

fn nonempty(it: &Interp, c: &Call) -> R<Vec<f64>> {
    let v = c.opt_nums("list").unwrap_or_default();
    if v.is_empty() {
        return Err(c.err(it, "list", format!("`{}` of an empty list", c.entry.name)));
    }
    Ok(v)
}

fn size(it: &Interp, c: &Call) -> R<Option<usize>> {
    match c.opt_num("size") {
        None => Ok(None),
        Some(k) if (0.0..=1e6).contains(&k) && k.fract() == 0.0 => Ok(Some(k as usize)),
        Some(_) => Err(c.err(
            it,
            "size",
            "`size` must be a whole number from 0 to 1000000",
        )),
    }
}

fn sample(it: &mut Interp, c: &Call, mut f: impl FnMut(&mut Rng) -> f64) -> R<Value> {
    let mut rng = Rng::new(c.num("seed"));
    match size(it, c)? {
        None => Ok(Value::Num(f(&mut rng))),
        Some(k) => Ok(nums((0..k).map(|_| f(&mut rng)).collect())),
    }
}

/// SplitMix64: small, fast, and the same numbers on every platform for a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: f64) -> Rng {
        Rng(seed.to_bits() ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller).
    pub fn next_normal(&mut self) -> f64 {
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// Least squares by the normal equations (Gaussian elimination with pivoting), highest
/// power first; `None` when singular.
pub fn polyfit(x: &[f64], y: &[f64], deg: usize) -> Option<Vec<f64>> {
    let n = deg + 1;
    let mut a = vec![vec![0.0; n + 1]; n];
    for (&xi, &yi) in x.iter().zip(y) {
        let pw: Vec<f64> = (0..n).map(|k| xi.powi(k as i32)).collect();
        for r in 0..n {
            for col in 0..n {
                a[r][col] += pw[r] * pw[col];
            }
            a[r][n] += pw[r] * yi;
        }
    }
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let k = row[col] / pivot_row[col];
                for (v, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                    *v -= k * p;
                }
            }
        }
    }
    let low_first: Vec<f64> = (0..n).map(|i| a[i][n] / a[i][i]).collect();
    Some(low_first.into_iter().rev().collect())
}

/// The data file `rel`, which must lie inside the scene's own folder. Errors name the file but
/// never show its contents.
pub(super) fn data_file(it: &Interp, c: &Call) -> R<(String, String)> {
    let rel = c.str("path");
    let sp = c.span_of("path");
    let p = std::path::Path::new(&rel);
    if p.is_absolute()
        || p.components()
            .any(|k| matches!(k, std::path::Component::ParentDir))
    {
        return Err(it.err(
            format!("a data file must be in the scene's folder or below it, not '{rel}'"),
            sp,
        ));
    }
    let base = std::path::Path::new(&it.source().name)
        .parent()
        .map(|d| d.to_path_buf())
        .unwrap_or_default();
    let full = base.join(p);
    // Symbolic links may not lead out of the folder either.
    let (cb, cf) = (
        std::fs::canonicalize(if base.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            &base
        }),
        std::fs::canonicalize(&full),
    );
    match (cb, cf) {
        (Ok(b), Ok(f)) if f.starts_with(&b) => {}
        (_, Err(e)) => return Err(it.err(format!("cannot read data file '{rel}': {e}"), sp)),
        _ => {
            return Err(it.err(
                format!("the data file '{rel}' lies outside the scene's folder"),
                sp,
            ))
        }
    }
    let meta = std::fs::metadata(&full)
        .map_err(|e| it.err(format!("cannot read data file '{rel}': {e}"), sp.clone()))?;
    if meta.len() > 64 << 20 {
        return Err(it.err(format!("the data file '{rel}' is larger than 64 MB"), sp));
    }
    let text = std::fs::read_to_string(&full)
        .map_err(|e| it.err(format!("cannot read data file '{rel}': {e}"), sp.clone()))?;
    Ok((rel, text))
}

fn cell_value(s: &str) -> Value {
    let t = s.trim();
    match t.parse::<f64>() {
        Ok(x) => Value::Num(x),
        Err(_) => Value::Str(t.trim_matches('"').into()),
    }
}

/// CSV fields of one line (quotes may hold commas; "" is a quote).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(ch),
        }
    }
    out.push(cur);
    out
}

fn read_csv(it: &mut Interp, c: &Call) -> R<Value> {
    let (rel, text) = data_file(it, c)?;
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Option<Vec<String>> = if c.bool("header") {
        lines.next().map(|l| {
            fields(l)
                .into_iter()
                .map(|s| s.trim().to_string())
                .collect()
        })
    } else {
        None
    };
    let rows: Vec<Vec<Value>> = lines
        .map(|l| fields(l).iter().map(|f| cell_value(f)).collect())
        .collect();
    let Some(col) = c.value("column") else {
        return Ok(list(rows.into_iter().map(list).collect()));
    };
    let k = match &col {
        Value::Str(name) => header
            .as_ref()
            .and_then(|h| h.iter().position(|x| x == &**name))
            .ok_or_else(|| {
                let d = c.err(it, "column", format!("'{rel}' has no column \"{name}\""));
                match &header {
                    Some(h) => d.with_note(format!("its columns: {}", h.join(", "))),
                    None => d.with_note("read with `header: true` to name columns"),
                }
            })?,
        v => {
            let x = it.num(v, c.span_of("column"))?;
            if x < 0.0 || x.fract() != 0.0 {
                return Err(c.err(it, "column", "a column index is a whole number from 0"));
            }
            x as usize
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.into_iter().enumerate() {
        let v = r.into_iter().nth(k).ok_or_else(|| {
            c.err(
                it,
                "column",
                format!(
                    "row {} of '{rel}' has no column {k}",
                    i + 1 + header.is_some() as usize
                ),
            )
        })?;
        out.push(v);
    }
    Ok(list(out))
}

/// A small JSON reader: objects are kept as (key, value) lists for `key:` to pick from.
enum Json {
    Val(Value),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

struct JsonParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn fail<T>(&self, what: &str) -> Result<T, (usize, String)> {
        Err((self.i, what.to_string()))
    }
    fn value(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        if depth > 200 {
            return self.fail("nested too deeply");
        }
        self.ws();
        match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Json::Obj(v));
                }
                loop {
                    self.ws();
                    let Json::Val(Value::Str(k)) = self.string()? else {
                        unreachable!()
                    };
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return self.fail("expected ':'");
                    }
                    self.i += 1;
                    v.push((k.to_string(), self.value(depth + 1)?));
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Json::Obj(v));
                        }
                        _ => return self.fail("expected ',' or '}'"),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Json::Arr(v));
                }
                loop {
                    v.push(self.value(depth + 1)?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Json::Arr(v));
                        }
                        _ => return self.fail("expected ',' or ']'"),
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(b't') if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(Json::Val(Value::Bool(true)))
            }
            Some(b'f') if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(Json::Val(Value::Bool(false)))
            }
            Some(b'n') if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(Json::Val(Value::None))
            }
            Some(_) => {
                let st = self.i;
                while self.i < self.s.len()
                    && matches!(
                        self.s[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                match std::str::from_utf8(&self.s[st..self.i])
                    .ok()
                    .and_then(|t| t.parse::<f64>().ok())
                {
                    Some(x) => Ok(Json::Val(Value::Num(x))),
                    None => {
                        self.i = st;
                        self.fail("expected a value")
                    }
                }
            }
            None => self.fail("unexpected end"),
        }
    }
    fn string(&mut self) -> Result<Json, (usize, String)> {
        if self.s.get(self.i) != Some(&b'"') {
            return self.fail("expected a string");
        }
        self.i += 1;
        let mut out = Vec::new();
        while let Some(&b) = self.s.get(self.i) {
            self.i += 1;
            match b {
                b'"' => return Ok(Json::Val(Value::Str(String::from_utf8_lossy(&out).into()))),
                b'\\' => {
                    let e = self.s.get(self.i).copied();
                    self.i += 1;
                    match e {
                        Some(b'n') => out.push(b'\n'),
                        Some(b't') => out.push(b'\t'),
                        Some(b'u') => {
                            let hex = self
                                .s
                                .get(self.i..self.i + 4)
                                .and_then(|h| std::str::from_utf8(h).ok())
                                .and_then(|h| u32::from_str_radix(h, 16).ok());
                            self.i += 4;
                            let ch = hex.and_then(char::from_u32).unwrap_or('\u{FFFD}');
                            out.extend(ch.to_string().as_bytes());
                        }
                        Some(x) => out.push(x),
                        None => break,
                    }
                }
                _ => out.push(b),
            }
        }
        self.fail("unterminated string")
    }
}

fn to_value(j: Json) -> Result<Value, String> {
    match j {
        Json::Val(v) => Ok(v),
        Json::Arr(a) => Ok(list(a.into_iter().map(to_value).collect::<Result<_, _>>()?)),
        Json::Obj(o) => Err(format!(
            "holds an object (keys: {}); pick a field with `key:`",
            o.iter()
                .map(|(k, _)| k.as_str())
                .take(8)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn read_json(it: &mut Interp, c: &Call) -> R<Value> {
    let (rel, text) = data_file(it, c)?;
    let mut p = JsonParser {
        s: text.as_bytes(),
        i: 0,
    };
    let mut j = p.value(0).and_then(|v| {
        p.ws();
        if p.i < p.s.len() {
            p.fail("unexpected text after the value")
        } else {
            Ok(v)
        }
    });
    if let Err((at, msg)) = &j {
        let (line, col) = crate::diag::line_col(&text, *at);
        // The position only: the file's contents are never shown.
        return Err(c.err(
            it,
            "path",
            format!("'{rel}' is not valid JSON at line {line}, column {col}: {msg}"),
        ));
    }
    if let Some(key) = c.opt_str("key") {
        for part in key.split('.') {
            let Ok(Json::Obj(fields)) = j else {
                return Err(c.err(
                    it,
                    "key",
                    format!("'{rel}': `{part}` is looked up in something that is not an object"),
                ));
            };
            match fields.into_iter().find(|(k, _)| k == part) {
                Some((_, v)) => j = Ok(v),
                None => {
                    return Err(c.err(it, "key", format!("'{rel}' has no field \"{part}\" there")))
                }
            }
        }
    }
    to_value(j.unwrap_or(Json::Val(Value::None)))
        .map_err(|e| c.err(it, "path", format!("'{rel}' {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polyfit_recovers_a_parabola() {
        let x: Vec<f64> = (0..10).map(|i| i as f64).collect();
        let y: Vec<f64> = x.iter().map(|x| 2.0 * x * x - 3.0 * x + 1.0).collect();
        let c = polyfit(&x, &y, 2).unwrap();
        assert!(
            (c[0] - 2.0).abs() < 1e-9 && (c[1] + 3.0).abs() < 1e-9 && (c[2] - 1.0).abs() < 1e-9,
            "{c:?}"
        );
    }

    #[test]
    fn normal_samples_have_the_right_moments() {
        let mut r = Rng::new(7.0);
        let v: Vec<f64> = (0..20000).map(|_| r.next_normal()).collect();
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let s = (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
        assert!(m.abs() < 0.03 && (s - 1.0).abs() < 0.03, "{m} {s}");
    }

    #[test]
    fn csv_fields_with_quotes() {
        assert_eq!(fields("a,\"b,c\",\"d\"\"e\""), vec!["a", "b,c", "d\"e"]);
    }
}
