//! How PDF draws a [`Document`]: the briefs' page engine
//! ([`crate::brief::layout`]) with their letterhead, fonts, colours, tables
//! that repeat their header row across pages, and "n / N" footers.
//!
//! User text is cleaned ([`typo::clean`]: control characters become spaces,
//! invisible format characters go) and every character the font lacks prints
//! as "□" (the engine's glyph fallback). Italic is an oblique of the upright
//! face: Liberation Sans is shipped in regular and bold only. The output is
//! byte-stable for a given document and `now`.

use super::{heading_level, label_separator, Block, Chart, Document, RowKind, Run};
use crate::brief::layout::{self, colors, Align, Column, Doc, Meta, Row, Style, CONTENT_W, LEFT};
use crate::brief::{self, typo};
use crate::error::Result;
use crate::Lang;
use chrono::{DateTime, Utc};

/// Slant of the oblique drawn for italic runs (about 11°).
const ITALIC_SLANT: f32 = 0.2;
/// Space after a paragraph.
const PARA_GAP: f32 = 4.0;
/// Key figures per row of boxes.
const FIGURES_PER_ROW: usize = 4;
/// Charts per row, the gap between them and the height of one.
const CHARTS_PER_ROW: usize = 2;
const CHART_GAP: f32 = 16.0;
const CHART_H: f32 = 128.0;

/// The PDF of `doc` (A4, Liberation Sans embedded as a subset), dated `now`
/// in its metadata. Fails only when the letterhead's logo is not a readable
/// PNG of at most 8 MB.
pub fn to_pdf(doc: &Document, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let lang = doc.lang;
    let mut pdf = Doc::new(lang);
    let town = doc.header.as_ref().map(|h| one_line(&h.town));
    let subject = one_line(&doc.subject);
    if let Some(h) = &doc.header {
        let logo = brief::logo(&mut pdf, h.logo_png.as_deref())?;
        brief::letterhead(
            &mut pdf,
            town.as_deref().unwrap_or(""),
            "",
            &subject,
            logo.as_ref(),
        );
    }
    for block in &doc.blocks {
        draw(&mut pdf, block, lang);
    }
    let title = one_line(&doc.title);
    let joined = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ")
    };
    let town = town.unwrap_or_default();
    let kind = if subject.trim().is_empty() {
        &title
    } else {
        &subject
    };
    Ok(pdf.finish_stable(&Meta {
        title: title.clone(),
        author: town.clone(),
        subject: subject.clone(),
        created: now,
        footer: joined(&[&town, kind]),
        running_head: joined(&[&town, &title]),
    }))
}

/// User text made printable, on one line.
fn one_line(s: &str) -> String {
    typo::clean(s).replace('\n', " ").trim().to_owned()
}

fn draw(pdf: &mut Doc, block: &Block, lang: Lang) {
    let body_lh = Style::BODY.line_height();
    match block {
        Block::Title(text) => {
            let style = Style::BODY.size(17.0).bold();
            pdf.heading(&typo::clean(text), style, 3.0 * body_lh, 4);
            pdf.bookmark(text);
            pdf.gap(6.0);
        }
        Block::Heading { level, text } => {
            let text = typo::clean(text);
            match heading_level(*level) {
                1 => {
                    brief::section(pdf, &text, 2.0 * body_lh);
                    pdf.bookmark(&text);
                }
                2 => {
                    pdf.gap(6.0);
                    let style = Style::BODY.size(10.5).bold();
                    pdf.heading(&text, style, 2.0 * body_lh, 3);
                }
                _ => {
                    pdf.gap(4.0);
                    let style = Style::BODY.bold().color(colors::MUTED);
                    pdf.heading(&text, style, 2.0 * body_lh, 3);
                }
            }
        }
        Block::Paragraph(runs) => {
            rich(pdf, runs, Style::BODY, 0.0);
            pdf.gap(PARA_GAP);
        }
        Block::Numbered { label, runs } => {
            let label = typo::clean(label);
            let mut all = vec![Run::bold(format!(
                "{}{}",
                label.trim_end(),
                label_separator(&label, lang)
            ))];
            all.extend(runs.iter().cloned());
            rich(pdf, &all, Style::BODY, 0.0);
            pdf.gap(PARA_GAP + 2.0);
        }
        Block::Bullets(items) => {
            let items: Vec<String> = items.iter().map(|i| typo::clean(i)).collect();
            pdf.bullets(&items, Style::BODY, colors::ACCENT);
            pdf.gap(PARA_GAP - 1.5);
        }
        Block::KeyFigures(items) => {
            let items: Vec<(String, String)> = items
                .iter()
                .map(|(l, v)| (one_line(l), typo::clean(v)))
                .collect();
            for chunk in items.chunks(FIGURES_PER_ROW) {
                brief::key_figures(pdf, chunk);
            }
        }
        Block::Table(t) => table(pdf, t),
        Block::Signature {
            place_date,
            role,
            blank_lines,
        } => signature(pdf, place_date, role, *blank_lines),
        Block::VoteBlock { lines } => vote(pdf, lines),
        Block::Note(text) => {
            pdf.paragraph(&typo::clean(text), Style::NOTE, 0.0);
            pdf.gap(PARA_GAP);
        }
        Block::Charts(list) => charts(pdf, list, lang),
        Block::Spacer => pdf.gap(body_lh),
        Block::PageBreak => {
            if !pdf.page_is_empty() {
                pdf.new_page(true);
            }
        }
    }
}

/// How a stretch of a line looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    bold: bool,
    italic: bool,
}

/// A line of a rich paragraph: stretches of text in one look each.
type RichLine = Vec<(String, Look)>;

/// Breaks runs into lines no wider than `width`, as [`layout::Fonts::wrap`]
/// breaks plain text: at spaces and line breaks, inside a word only when the
/// word alone is wider than the line; no-break spaces never break. A word
/// may change look in its middle ("**Article**s").
fn rich_lines(runs: &[Run], style: Style, width: f32) -> Vec<RichLine> {
    let fonts = layout::fonts();
    let mut chars: Vec<(char, Look)> = Vec::new();
    for run in runs {
        let look = Look {
            bold: run.bold,
            italic: run.italic,
        };
        let text = fonts.glyphable(&typo::clean(&run.text), run.bold);
        chars.extend(text.chars().map(|c| (c, look)));
    }
    let styled = |look: Look| Style {
        bold: look.bold,
        ..style
    };
    let char_w = |&(c, look): &(char, Look)| fonts.width(c.encode_utf8(&mut [0; 4]), styled(look));
    let space = fonts.width(" ", style);
    let mut lines: Vec<Vec<(char, Look)>> = Vec::new();
    for para in chars.split(|(c, _)| *c == '\n') {
        let mut line: Vec<(char, Look)> = Vec::new();
        let mut line_w = 0.0;
        for word in para.split(|(c, _)| *c == ' ').filter(|w| !w.is_empty()) {
            let ww: f32 = word.iter().map(char_w).sum();
            if !line.is_empty() && line_w + space + ww <= width {
                let look = line.last().map_or(word[0].1, |l| l.1);
                line.push((' ', look));
                line.extend_from_slice(word);
                line_w += space + ww;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if ww <= width {
                line.extend_from_slice(word);
                line_w = ww;
            } else {
                // A word wider than the line (a URL, a run of 500 letters): cut it.
                line_w = 0.0;
                for ch in word {
                    let cw = char_w(ch);
                    if line_w + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(*ch);
                    line_w += cw;
                }
            }
        }
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|line| {
            let mut out: RichLine = Vec::new();
            for (c, look) in line {
                match out.last_mut() {
                    Some((text, l)) if *l == look => text.push(c),
                    _ => out.push((c.to_string(), look)),
                }
            }
            out
        })
        .collect()
}

/// A paragraph of runs from the cursor, breaking across pages (never a
/// single first line at a page bottom).
fn rich(pdf: &mut Doc, runs: &[Run], style: Style, indent: f32) {
    let lines = rich_lines(runs, style, CONTENT_W - indent);
    let lh = style.line_height();
    pdf.ensure(lh * lines.len().min(2) as f32);
    for line in lines {
        pdf.ensure(lh);
        let baseline = pdf.cursor() - lh / 2.0 - 0.33 * style.size;
        let mut x = LEFT + indent;
        for (text, look) in line {
            let s = Style {
                bold: look.bold,
                ..style
            };
            let slant = if look.italic { ITALIC_SLANT } else { 0.0 };
            x += pdf.text_run(x, baseline, &text, s, slant);
        }
        pdf.advance(lh);
    }
}

/// A table through the engine: header row repeated on each page, rows never
/// split, totals kept with the row before them.
fn table(pdf: &mut Doc, t: &super::Table) {
    if t.columns.is_empty() {
        return;
    }
    let columns = t
        .columns
        .iter()
        .zip(t.shares())
        .map(|(c, share)| Column {
            title: one_line(&c.title),
            share,
            align: if c.right_align {
                Align::Right
            } else {
                Align::Left
            },
        })
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|r| Row {
            cells: r.cells.iter().map(|c| typo::clean(c)).collect(),
            kind: match r.kind {
                RowKind::Body => layout::RowKind::Body,
                RowKind::Subtotal => layout::RowKind::Subtotal,
                RowKind::Total => layout::RowKind::Total,
                RowKind::Alert => layout::RowKind::Alert,
            },
        })
        .collect();
    pdf.gap(2.0);
    pdf.table(&layout::Table {
        columns,
        rows,
        size: 9.0,
        // A row of 30 lines still fits on a page; longer cells end with "…".
        max_cell_lines: 30,
    });
    pdf.gap(4.0);
}

/// Charts two to a row; a row never splits across pages.
fn charts(pdf: &mut Doc, list: &[Chart], lang: Lang) {
    let n = CHARTS_PER_ROW as f32;
    let w = (CONTENT_W - CHART_GAP * (n - 1.0)) / n;
    pdf.gap(4.0);
    let title_style = Style::BODY.size(8.5).bold();
    for row in list.chunks(CHARTS_PER_ROW) {
        // The plots of a row line up under the longest title.
        let title_lines = row
            .iter()
            .map(|c| {
                pdf.fonts
                    .wrap_max(&one_line(&c.title), title_style, w, 2)
                    .len()
            })
            .max()
            .unwrap_or(1)
            .clamp(1, 2);
        let h = chart_height(title_lines);
        pdf.ensure(h);
        let top = pdf.cursor();
        for (k, c) in row.iter().enumerate() {
            chart(
                pdf,
                LEFT + k as f32 * (w + CHART_GAP),
                top,
                w,
                c,
                title_lines,
                lang,
            );
        }
        pdf.advance(h);
        pdf.gap(10.0);
    }
}

/// The finite values of a chart with their dates: readings, then the
/// baseline and the target.
fn dated(c: &Chart) -> Vec<(chrono::NaiveDate, f64)> {
    let mut out: Vec<_> = c
        .readings
        .iter()
        .filter(|p| p.value.is_finite())
        .filter_map(|p| Some((p.date?, p.value)))
        .collect();
    out.sort_by_key(|(d, _)| *d);
    out
}

/// The height of a chart whose title takes `title_lines` lines.
fn chart_height(title_lines: usize) -> f32 {
    CHART_H - (2 - title_lines.min(2)) as f32 * Style::BODY.size(8.5).line_height()
}

/// One chart in the box `[x, x + w]` from `top` down [`chart_height`]:
/// the title (`title_lines` lines at most), the caption, then the plot
/// with a year scale under it and the reference lines labelled at its
/// right.
fn chart(pdf: &mut Doc, x: f32, top: f32, w: f32, c: &Chart, title_lines: usize, lang: Lang) {
    use chrono::Datelike;
    let fonts = pdf.fonts;
    let title_style = Style::BODY.size(8.5).bold();
    let lh = title_style.line_height();
    for (i, line) in fonts
        .wrap_max(&one_line(&c.title), title_style, w, title_lines)
        .iter()
        .enumerate()
    {
        pdf.text_at(
            x,
            top - 8.5 - i as f32 * lh,
            w,
            line,
            title_style,
            Align::Left,
        );
    }
    let caption_y = top - 8.5 - title_lines as f32 * lh;
    let caption_style = Style::NOTE.size(7.5);
    pdf.text_at(
        x,
        caption_y,
        w,
        &one_line(&c.caption),
        caption_style,
        Align::Left,
    );

    let label_w = 64.0;
    let (x0, x1) = (x, x + w - label_w);
    let (y0, y1) = (top - chart_height(title_lines) + 12.0, caption_y - 7.0);
    pdf.rect(x0, y0, x1 - x0, y1 - y0, colors::ZEBRA);
    let finite =
        |p: &Option<super::ChartPoint>| p.as_ref().filter(|p| p.value.is_finite()).cloned();
    let (baseline, target) = (finite(&c.baseline), finite(&c.target));
    let readings = dated(c);

    // Scales: every dated value, and the values of both reference lines.
    let mut dates: Vec<chrono::NaiveDate> = readings.iter().map(|(d, _)| *d).collect();
    dates.extend(baseline.iter().chain(&target).filter_map(|p| p.date));
    let mut values: Vec<f64> = readings.iter().map(|(_, v)| *v).collect();
    values.extend(baseline.iter().chain(&target).map(|p| p.value));
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if (hi - lo).abs() < 1e-9 {
        let pad = (hi.abs() * 0.1).max(1.0);
        (lo, hi) = (lo - pad, hi + pad);
    }
    let pad = (hi - lo) * 0.12;
    let (lo, hi) = (lo - pad, hi + pad);
    let inner = 7.0;
    let y_of = |v: f64| y0 + inner + ((v - lo) / (hi - lo)) as f32 * (y1 - y0 - 2.0 * inner);
    let (d0, d1) = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) if a < b => (*a, *b),
        (Some(a), _) => (*a - chrono::Days::new(183), *a + chrono::Days::new(183)),
        _ => {
            let d = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date");
            (d, d + chrono::Days::new(365))
        }
    };
    let span = (d1 - d0).num_days().max(1) as f32;
    let x_of = |d: chrono::NaiveDate| {
        x0 + inner + (d - d0).num_days() as f32 / span * (x1 - x0 - 2.0 * inner)
    };

    // Years: a light rule at each 1 January inside the scale, its year under the plot.
    let year_style = Style::NOTE.size(6.5);
    let years: Vec<i32> = (d0.year() + 1..=d1.year()).collect();
    let step = years.len().div_ceil(6).max(1);
    for (i, y) in years.iter().enumerate() {
        let Some(jan) = chrono::NaiveDate::from_ymd_opt(*y, 1, 1) else {
            continue;
        };
        let xx = x_of(jan);
        pdf.stroke(&[(xx, y0), (xx, y1)], colors::RULE, 0.4, false);
        if i % step == 0 {
            pdf.text_at(
                xx - 15.0,
                y0 - 8.0,
                30.0,
                &y.to_string(),
                year_style,
                Align::Center,
            );
        }
    }
    if years.is_empty() && !dates.is_empty() {
        pdf.text_at(
            x0,
            y0 - 8.0,
            30.0,
            &d0.year().to_string(),
            year_style,
            Align::Left,
        );
    }
    let unit = one_line(&c.unit);
    if !unit.is_empty() {
        let text = format!("{} {unit}", lang.pick("en", "in"));
        pdf.text_at(
            x1 + 4.0,
            y0 - 8.0,
            label_w - 4.0,
            &text,
            year_style,
            Align::Left,
        );
    }

    // Reference lines, labelled at the right; labels too close move apart.
    let mut labels: Vec<(f32, String, Style)> = Vec::new();
    if let Some(b) = &baseline {
        let y = y_of(b.value);
        pdf.stroke(&[(x0, y), (x1, y)], colors::MUTED, 0.7, true);
        let text = format!(
            "{} {}",
            lang.pick("Réf.", "Baseline"),
            one_line(&b.value_text)
        );
        labels.push((y, text, Style::NOTE.size(7.0)));
    }
    if let Some(t) = &target {
        let y = y_of(t.value);
        pdf.stroke(&[(x0, y), (x1, y)], colors::OK, 1.0, true);
        let text = format!(
            "{} {}",
            lang.pick("Cible", "Target"),
            one_line(&t.value_text)
        );
        labels.push((y, text, Style::NOTE.size(7.0).bold().color(colors::OK)));
        if let Some(d) = t.date {
            let (tx, ty) = (x_of(d), y);
            pdf.rect(tx - 2.2, ty - 2.2, 4.4, 4.4, colors::OK);
        }
    }
    if let [a, b] = labels.as_mut_slice() {
        let need = 8.5 - (a.0 - b.0).abs();
        if need > 0.0 {
            let (up, down) = if a.0 >= b.0 { (a, b) } else { (b, a) };
            up.0 += need / 2.0;
            down.0 -= need / 2.0;
        }
    }
    for (y, text, style) in &labels {
        let baseline_y = (y - 2.4).clamp(y0 + 1.0, y1 - 6.0);
        pdf.text_at(
            x1 + 4.0,
            baseline_y,
            label_w - 4.0,
            text,
            *style,
            Align::Left,
        );
    }

    // The readings, from the baseline when it is dated.
    let mut line: Vec<(f32, f32)> = Vec::new();
    if let Some((d, b)) = baseline.as_ref().and_then(|b| Some((b.date?, b.value))) {
        let p = (x_of(d), y_of(b));
        pdf.rect(p.0 - 1.8, p.1 - 1.8, 3.6, 3.6, colors::MUTED);
        if readings.first().is_none_or(|(first, _)| *first >= d) {
            line.push(p);
        }
    }
    line.extend(readings.iter().map(|(d, v)| (x_of(*d), y_of(*v))));
    if line.len() > 1 {
        pdf.stroke(&line, colors::ACCENT, 1.4, false);
    }
    for (d, v) in &readings {
        let (px, py) = (x_of(*d), y_of(*v));
        pdf.rect(px - 2.0, py - 2.0, 4.0, 4.0, colors::ACCENT);
    }
    let last = c
        .readings
        .iter()
        .filter(|p| p.value.is_finite() && p.date.is_some())
        .max_by_key(|p| p.date);
    match last {
        Some(p) => {
            let (px, py) = (x_of(p.date.expect("dated")), y_of(p.value));
            let style = Style::NOTE.size(7.0).bold().color(colors::ACCENT);
            let text = one_line(&p.value_text);
            let tw = fonts.width(&text, style) + 2.0;
            let lx = (px - tw / 2.0).clamp(x0 + 1.0, (x1 - tw - 1.0).max(x0 + 1.0));
            let ly = if py + 10.0 < y1 { py + 4.5 } else { py - 9.5 };
            pdf.text_at(lx, ly, tw, &text, style, Align::Center);
        }
        None => {
            let style = Style::NOTE.size(7.5);
            let mid = (y0 + y1) / 2.0 - 2.5;
            pdf.text_at(
                x0,
                mid,
                x1 - x0,
                lang.pick("Aucune mesure", "No reading"),
                style,
                Align::Center,
            );
        }
    }
}

/// The place and date, the role in bold and room to sign, on the right half
/// of the page, kept together.
fn signature(pdf: &mut Doc, place_date: &str, role: &str, blank_lines: u8) {
    let fonts = pdf.fonts;
    let indent = CONTENT_W / 2.0;
    let style = Style::BODY;
    let lh = style.line_height();
    let width = CONTENT_W - indent;
    let place = typo::clean(place_date);
    let role = typo::clean(role);
    let place_lines = if place.trim().is_empty() {
        Vec::new()
    } else {
        fonts.wrap(place.trim(), style, width)
    };
    let role_lines = if role.trim().is_empty() {
        Vec::new()
    } else {
        fonts.wrap(role.trim(), style.bold(), width)
    };
    let blank = f32::from(blank_lines.min(12)) * lh;
    pdf.gap(lh);
    pdf.ensure((place_lines.len() + role_lines.len()) as f32 * lh + blank);
    pdf.lines(place_lines, style, indent, Align::Left);
    pdf.lines(role_lines, style.bold(), indent, Align::Left);
    pdf.gap(blank);
}

/// Lines to fill by hand, well spaced and kept together.
fn vote(pdf: &mut Doc, lines: &[String]) {
    let fonts = pdf.fonts;
    let style = Style::BODY;
    let lh = style.line_height();
    let step = 0.9 * lh;
    let indent = 12.0;
    let wrapped: Vec<Vec<String>> = lines
        .iter()
        .map(|l| fonts.wrap(&typo::clean(l), style, CONTENT_W - indent))
        .collect();
    let h: f32 = wrapped.iter().map(|w| w.len() as f32 * lh + step).sum();
    pdf.gap(4.0);
    pdf.ensure(h);
    for w in wrapped {
        pdf.lines(w, style, indent, Align::Left);
        pdf.gap(step);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Col, Letterhead, Table};
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 3, 10, 0, 0).unwrap()
    }

    fn sample() -> Document {
        let mut doc = Document::new(Lang::Fr, "Délibération n°\u{a0}2027-014");
        doc.subject = "Délibération du conseil municipal".into();
        doc.header = Some(Letterhead::new("Commune de Saint-Loup-sur-Semouse"));
        doc.display_title("Demande de subvention")
            .h1("Plan de financement")
            .runs(vec![
                Run::plain("Le conseil, "),
                Run::bold("après en avoir délibéré"),
                Run::italic(", décide."),
            ])
            .table(
                Table::new(vec![
                    Col::left("Financeur", 3.0),
                    Col::right("Montant", 1.0),
                ])
                .row(["État", "102\u{202f}000\u{a0}€"])
                .total(["Total", "255\u{202f}000\u{a0}€"]),
            )
            .signature("Fait à Saint-Loup", "Le maire,");
        doc
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let a = to_pdf(&sample(), now()).unwrap();
        let b = to_pdf(&sample(), now()).unwrap();
        assert!(a.starts_with(b"%PDF-"), "a PDF");
        assert!(a == b, "byte-stable for a given `now`");
        let later = to_pdf(&sample(), now() + chrono::Duration::days(1)).unwrap();
        assert!(later != a, "`now` is written in the metadata");
    }

    #[test]
    fn runs_wrap_within_the_width_and_keep_their_look() {
        let fonts = layout::fonts();
        let runs = vec![
            Run::plain("Le conseil municipal, "),
            Run::bold("après en avoir délibéré à l'unanimité"),
            Run::plain(", "),
            Run::italic("approuve ".repeat(12)),
            Run::plain("x".repeat(300)),
        ];
        let width = 200.0;
        let lines = rich_lines(&runs, Style::BODY, width);
        assert!(lines.len() > 5, "{lines:?}");
        for line in &lines {
            let w: f32 = line
                .iter()
                .map(|(t, l)| fonts.width(t, Style::BODY.bold_if(l.bold)))
                .sum();
            assert!(w <= width + 0.01, "line {line:?} is {w} pt wide");
        }
        assert_eq!(lines[0][0].0, "Le conseil municipal, ");
        assert!(
            lines[0][1].1.bold && lines[0][1].0.starts_with("après"),
            "the bold run follows on the same line: {:?}",
            lines[0]
        );
        assert!(
            lines
                .iter()
                .flatten()
                .any(|(t, l)| l.italic && t.contains("approuve")),
            "italic runs stay italic"
        );
    }

    #[test]
    fn line_breaks_in_runs_are_kept_and_controls_cleaned() {
        let lines = rich_lines(&[Run::plain("un\ndeux\u{7}trois")], Style::BODY, CONTENT_W);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(texts, vec!["un", "deux trois"]);
    }

    #[test]
    fn charts_draw_whatever_their_values() {
        use super::super::{Chart, ChartPoint};
        let at = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        let point = |date, value: f64| ChartPoint {
            date,
            value,
            date_text: String::new(),
            value_text: format!("{value}"),
        };
        let odd = vec![
            Chart::default(),
            Chart {
                title: "x".repeat(2_000),
                readings: vec![point(at(2026, 1, 1), f64::NAN), point(None, 3.0)],
                baseline: Some(point(None, f64::INFINITY)),
                ..Chart::default()
            },
            Chart {
                title: "Un seul point".into(),
                readings: vec![point(at(2026, 6, 30), 5.0)],
                baseline: Some(point(at(2026, 6, 30), 5.0)),
                target: Some(point(at(2026, 6, 30), 5.0)),
                unit: "%".into(),
                ..Chart::default()
            },
            Chart {
                title: "Quarante ans".into(),
                readings: vec![point(at(1990, 1, 1), -1e12), point(at(2030, 1, 1), 1e12)],
                ..Chart::default()
            },
        ];
        let mut doc = Document::new(Lang::Fr, "Graphiques");
        doc.charts(odd);
        let a = to_pdf(&doc, now()).unwrap();
        assert!(a == to_pdf(&doc, now()).unwrap(), "byte-stable");
    }

    #[test]
    fn a_logo_that_is_not_a_png_is_refused() {
        let mut doc = sample();
        doc.header = Some(Letterhead::new("Commune").with_logo(b"GIF89a".to_vec()));
        let err = to_pdf(&doc, now()).unwrap_err();
        assert_eq!(err.code(), "invalid");
    }

    trait BoldIf {
        fn bold_if(self, bold: bool) -> Self;
    }
    impl BoldIf for Style {
        fn bold_if(self, bold: bool) -> Style {
            Style { bold, ..self }
        }
    }
}
