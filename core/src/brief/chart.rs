//! Small vector charts drawn with the page operations: the stacked bar of a
//! funding plan (with the 80 % ceiling of public aid) and labelled
//! horizontal bars (projects per stage, funding by source).

use super::layout::{colors, Align, Doc, Rgb, Style, CONTENT_W, LEFT};
use crate::model::Funder;

/// One coloured part of a stacked bar, with its legend.
#[derive(Debug, Clone)]
pub struct Segment {
    pub label: String,
    /// The legend's figures ("19 000 € — 20 %").
    pub value_text: String,
    pub value: f64,
    pub color: Rgb,
}

/// The colour of each kind of funder, the same in every chart.
pub fn funder_color(f: Funder) -> Rgb {
    match f {
        Funder::State => Rgb::hex(0x1f, 0x3a, 0x60),
        Funder::Region => Rgb::hex(0x2f, 0x6f, 0xa8),
        Funder::Departement => Rgb::hex(0x6a, 0xa5, 0xd6),
        Funder::Epci => Rgb::hex(0x3f, 0x8f, 0x6b),
        Funder::Eu => Rgb::hex(0xd9, 0xa4, 0x1b),
        Funder::BanqueTerritoires => Rgb::hex(0x8a, 0x5a, 0x8c),
        Funder::Private => Rgb::hex(0xc8, 0x6b, 0x4a),
        Funder::OwnFunds => Rgb::hex(0x8c, 0x93, 0x9c),
    }
}

/// Colour of the part of a cost nothing funds yet.
pub const UNCOVERED: Rgb = Rgb::hex(0xe4, 0xe7, 0xeb);

/// A stacked horizontal bar of `segments` over `scale` (the cost, or the
/// plan when larger), a dashed mark at `mark` (a share 0–1 of `scale`,
/// labelled `mark_label`), and a two-column legend under it.
pub fn stacked_bar(doc: &mut Doc, segments: &[Segment], scale: f64, mark: Option<(f64, String)>) {
    let bar_h = 16.0;
    let legend_style = Style::NOTE.size(8.0);
    let lh = legend_style.line_height() + 1.5;
    let legend_rows = segments.len().div_ceil(2);
    let h = 14.0 + bar_h + 8.0 + legend_rows as f32 * lh;
    doc.ensure(h.min(300.0));
    let top = doc.cursor();
    let bar_top = top - 12.0;
    let scale = if scale > 0.0 { scale } else { 1.0 };
    let mut x = LEFT;
    for s in segments {
        let w = (s.value.max(0.0) / scale) as f32 * CONTENT_W;
        let w = w.min(LEFT + CONTENT_W - x);
        if w > 0.0 {
            doc.rect(x, bar_top - bar_h, w, bar_h, s.color);
            x += w;
        }
    }
    if x < LEFT + CONTENT_W {
        doc.rect(x, bar_top - bar_h, LEFT + CONTENT_W - x, bar_h, UNCOVERED);
    }
    if let Some((share, label)) = mark {
        let mx = LEFT + (share.clamp(0.0, 1.0) as f32) * CONTENT_W;
        doc.stroke(
            &[(mx, bar_top + 3.0), (mx, bar_top - bar_h - 3.0)],
            colors::WARN,
            1.0,
            true,
        );
        let style = Style::NOTE.size(7.0).color(colors::WARN);
        let w = doc.fonts.width(&label, style) + 2.0;
        let lx = (mx - w / 2.0).clamp(LEFT, LEFT + CONTENT_W - w);
        doc.text_at(lx, bar_top + 5.0, w, &label, style, Align::Center);
    }
    doc.advance(12.0 + bar_h + 8.0);
    // Legend: swatch, label, figures; two columns.
    let col_w = CONTENT_W / 2.0;
    for (i, pair) in segments.chunks(2).enumerate() {
        if i > 0 {
            doc.ensure(lh);
        }
        let y = doc.cursor();
        for (k, s) in pair.iter().enumerate() {
            let x0 = LEFT + k as f32 * col_w;
            doc.rect(x0, y - lh + 3.0, 8.0, 8.0, s.color);
            let fig_w = doc
                .fonts
                .width(&s.value_text, legend_style)
                .min(col_w * 0.45)
                + 2.0;
            let baseline = y - lh + 4.0;
            doc.text_at(
                x0 + 12.0,
                baseline,
                col_w - 12.0 - fig_w - 14.0,
                &s.label,
                legend_style.color(colors::INK),
                Align::Left,
            );
            doc.text_at(
                x0 + col_w - fig_w - 14.0,
                baseline,
                fig_w,
                &s.value_text,
                legend_style,
                Align::Right,
            );
        }
        doc.advance(lh);
    }
    doc.gap(6.0);
}

/// One bar of a [`hbars`] chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub color: Rgb,
}

/// Horizontal bars, one per row: label at the left, bar, figure at the end.
pub fn hbars(doc: &mut Doc, bars: &[Bar]) {
    let style = Style::NOTE.size(8.0).color(colors::INK);
    let row_h = 14.0;
    let label_w = CONTENT_W * 0.40;
    let figure_w = 80.0;
    let bar_x = LEFT + label_w + 6.0;
    let bar_max = CONTENT_W - label_w - 6.0 - figure_w - 4.0;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    doc.ensure(row_h * bars.len().min(4) as f32);
    // Baseline rule the bars start from.
    for b in bars {
        doc.ensure(row_h);
        let top = doc.cursor();
        let baseline = top - row_h / 2.0 - 2.8;
        doc.text_at(LEFT, baseline, label_w, &b.label, style, Align::Left);
        let w = if max > 0.0 {
            (b.value.max(0.0) / max) as f32 * bar_max
        } else {
            0.0
        };
        if w > 0.0 {
            doc.rect(bar_x, top - row_h + 3.0, w.max(1.0), row_h - 6.0, b.color);
        }
        doc.text_at(
            bar_x + w + 4.0,
            baseline,
            figure_w + (bar_max - w),
            &b.value_text,
            style.bold(),
            Align::Left,
        );
        doc.stroke(
            &[(bar_x, top), (bar_x, top - row_h)],
            colors::RULE,
            0.6,
            false,
        );
        doc.advance(row_h);
    }
    doc.gap(6.0);
}

/// A row of nine cells showing how far a project has come through the
/// stages 0–8: reached stages filled, the current one in the accent colour.
pub fn stage_track(doc: &mut Doc, current: u8, labels: &[String]) {
    let h = 30.0;
    doc.ensure(h);
    let top = doc.cursor();
    let n = 9usize;
    let gap = 3.0;
    let w = (CONTENT_W - gap * (n as f32 - 1.0)) / n as f32;
    for i in 0..n {
        let x = LEFT + i as f32 * (w + gap);
        let (fill, ink) = match (i as u8).cmp(&current) {
            std::cmp::Ordering::Less => (colors::ACCENT_TINT, colors::ACCENT),
            std::cmp::Ordering::Equal => (colors::ACCENT, colors::WHITE),
            std::cmp::Ordering::Greater => (colors::ZEBRA, colors::MUTED),
        };
        doc.rect(x, top - 14.0, w, 14.0, fill);
        let style = Style::NOTE.size(7.5).bold().color(ink);
        doc.text_at(x, top - 10.0, w, &i.to_string(), style, Align::Center);
        if let Some(label) = labels.get(i) {
            let style = Style::NOTE.size(5.6).color(if i as u8 == current {
                colors::ACCENT
            } else {
                colors::MUTED
            });
            let lines = doc.fonts.wrap_max(label, style, w, 2);
            for (k, line) in lines.iter().enumerate() {
                doc.text_at(
                    x,
                    top - 21.0 - k as f32 * 6.6,
                    w,
                    line,
                    style,
                    Align::Center,
                );
            }
        }
    }
    doc.advance(h + 4.0);
}
