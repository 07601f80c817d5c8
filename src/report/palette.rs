//! Colours for the report: one pair a speaker (a light fill behind the quoted
//! words, a dark edge for underlines, swatches and names), and the page's
//! fixed theme. Every pair that carries text or marks meets WCAG 2.x AA:
//! 4.5:1 for text, 3:1 for other marks. The tests check each pair generated.

use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Rgb {
    /// Relative luminance (WCAG 2.x definition).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// From hue (degrees), saturation and lightness (0–1).
    fn from_hsl(hue: f64, saturation: f64, lightness: f64) -> Rgb {
        let c = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
        let h = hue.rem_euclid(360.0) / 60.0;
        let x = c * (1.0 - (h % 2.0 - 1.0).abs());
        let (r, g, b) = match h as u8 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let m = lightness - c / 2.0;
        let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb(byte(r), byte(g), byte(b))
    }
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// AA for body text.
pub const TEXT_CONTRAST: f64 = 4.5;
/// AA for marks that are not text (underlines, chart bars, focus rings).
pub const MARK_CONTRAST: f64 = 3.0;

/// The page's fixed colours; the stylesheet reads them as custom properties.
pub struct Theme {
    pub ink: Rgb,
    pub paper: Rgb,
    pub muted: Rgb,
    pub panel: Rgb,
    pub rule: Rgb,
    pub error: Rgb,
    pub warning: Rgb,
    pub info: Rgb,
    pub link: Rgb,
    /// Behind a quote nobody is named as saying (with a dashed edge in `error`).
    pub unattributed: Rgb,
    /// The hatching over `unattributed`, so it stands out without colour.
    pub hatch: Rgb,
    /// A quote found verbatim in the sources.
    pub ok: Rgb,
    /// Behind the words a word diff removes and adds.
    pub deleted: Rgb,
    pub inserted: Rgb,
}

pub const THEME: Theme = Theme {
    ink: Rgb(0x1c, 0x1b, 0x19),
    paper: Rgb(0xfd, 0xfc, 0xf8),
    muted: Rgb(0x5c, 0x59, 0x52),
    panel: Rgb(0xf3, 0xf1, 0xea),
    rule: Rgb(0x8a, 0x86, 0x7c),
    error: Rgb(0xa8, 0x1c, 0x1c),
    warning: Rgb(0x8a, 0x4b, 0x00),
    info: Rgb(0x1f, 0x5a, 0x8f),
    link: Rgb(0x1f, 0x4e, 0x9a),
    unattributed: Rgb(0xfb, 0xe3, 0xe0),
    hatch: Rgb(0xef, 0xc2, 0xbe),
    ok: Rgb(0x1d, 0x6b, 0x35),
    deleted: Rgb(0xf6, 0xd5, 0xd2),
    inserted: Rgb(0xd3, 0xef, 0xd9),
};

impl Theme {
    /// `--name:#rrggbb;` for every theme colour.
    pub fn css_properties(&self) -> String {
        let pairs = [
            ("ink", self.ink),
            ("paper", self.paper),
            ("muted", self.muted),
            ("panel", self.panel),
            ("rule", self.rule),
            ("error", self.error),
            ("warning", self.warning),
            ("info", self.info),
            ("link", self.link),
            ("unattributed", self.unattributed),
            ("hatch", self.hatch),
            ("ok", self.ok),
            ("deleted", self.deleted),
            ("inserted", self.inserted),
        ];
        pairs.iter().map(|(name, c)| format!("--{name}:{c};")).collect()
    }

    /// Every (foreground, background, least ratio) the stylesheet puts together.
    pub fn pairs(&self) -> Vec<(String, Rgb, Rgb, f64)> {
        let mut pairs = vec![
            ("ink on unattributed".to_string(), self.ink, self.unattributed, TEXT_CONTRAST),
            ("ink on hatch".to_string(), self.ink, self.hatch, TEXT_CONTRAST),
            ("ink on deleted".to_string(), self.ink, self.deleted, TEXT_CONTRAST),
            ("ink on inserted".to_string(), self.ink, self.inserted, TEXT_CONTRAST),
        ];
        for (name, bg) in [("paper", self.paper), ("panel", self.panel)] {
            for (what, fg) in [
                ("ink", self.ink),
                ("muted", self.muted),
                ("error", self.error),
                ("warning", self.warning),
                ("info", self.info),
                ("link", self.link),
                ("ok", self.ok),
            ] {
                pairs.push((format!("{what} on {name}"), fg, bg, TEXT_CONTRAST));
            }
            pairs.push((format!("rule on {name}"), self.rule, bg, MARK_CONTRAST));
        }
        pairs.push(("error on unattributed".to_string(), self.error, self.unattributed, TEXT_CONTRAST));
        pairs
    }
}

/// The chart's bars, one a kind of source (named people, organisations,
/// roles, anonymous, vague, unresolved, unattributed), on the paper.
pub const SHARE_COLOURS: [Rgb; 7] = [
    Rgb(0x2b, 0x5d, 0x9b),
    Rgb(0x1d, 0x7a, 0x6b),
    Rgb(0x7a, 0x5a, 0xa8),
    Rgb(0x9a, 0x6a, 0x10),
    Rgb(0xb3, 0x54, 0x1e),
    Rgb(0x6b, 0x6b, 0x6b),
    Rgb(0xa8, 0x1c, 0x1c),
];

/// The colours of one speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerColour {
    /// Behind the quoted words (with `THEME.ink` text on it).
    pub fill: Rgb,
    /// Underlines, swatches, names and markers on the paper and on the fill.
    pub edge: Rgb,
}

/// Distinct hues for the first speakers (no pure red: red means a problem);
/// later speakers step round the wheel by the golden angle.
const HUES: [f64; 10] = [212.0, 32.0, 140.0, 280.0, 185.0, 330.0, 60.0, 245.0, 95.0, 15.0];
const GOLDEN_ANGLE: f64 = 137.508;

/// The colour of the `i`th speaker of a draft.
pub fn speaker_colour(i: usize) -> SpeakerColour {
    let hue = match HUES.get(i) {
        Some(h) => *h,
        None => HUES[HUES.len() - 1] + GOLDEN_ANGLE * (i - HUES.len() + 1) as f64,
    };
    // Lightness is found, not assumed: yellows need a darker edge than blues.
    let mut fill_l = 0.86;
    let mut fill = Rgb::from_hsl(hue, 0.75, fill_l);
    while contrast(THEME.ink, fill) < 7.0 && fill_l < 0.97 {
        fill_l += 0.01;
        fill = Rgb::from_hsl(hue, 0.75, fill_l);
    }
    let mut edge_l = 0.42;
    let mut edge = Rgb::from_hsl(hue, 0.7, edge_l);
    let readable = |edge: Rgb| {
        contrast(edge, THEME.paper) >= TEXT_CONTRAST
            && contrast(edge, THEME.panel) >= TEXT_CONTRAST
            && contrast(edge, fill) >= MARK_CONTRAST
    };
    while !readable(edge) && edge_l > 0.05 {
        edge_l -= 0.01;
        edge = Rgb::from_hsl(hue, 0.7, edge_l);
    }
    SpeakerColour { fill, edge }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb(10, 20, 30), Rgb(10, 20, 30)) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1
        let grey = contrast(Rgb(0x76, 0x76, 0x76), Rgb(255, 255, 255));
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    fn hsl_conversion_hits_the_primaries() {
        assert_eq!(Rgb::from_hsl(0.0, 1.0, 0.5), Rgb(255, 0, 0));
        assert_eq!(Rgb::from_hsl(120.0, 1.0, 0.5), Rgb(0, 255, 0));
        assert_eq!(Rgb::from_hsl(240.0, 1.0, 0.5), Rgb(0, 0, 255));
        assert_eq!(Rgb::from_hsl(0.0, 0.0, 1.0), Rgb(255, 255, 255));
    }

    #[test]
    fn every_speaker_colour_meets_aa() {
        for i in 0..200 {
            let c = speaker_colour(i);
            let text = contrast(THEME.ink, c.fill);
            assert!(text >= TEXT_CONTRAST, "speaker {i}: ink on fill {} is {text:.2}", c.fill);
            for (name, bg) in [("paper", THEME.paper), ("panel", THEME.panel)] {
                let edge = contrast(c.edge, bg);
                assert!(edge >= TEXT_CONTRAST, "speaker {i}: edge {} on {name} is {edge:.2}", c.edge);
            }
            let mark = contrast(c.edge, c.fill);
            assert!(mark >= MARK_CONTRAST, "speaker {i}: edge on fill is {mark:.2}");
        }
    }

    #[test]
    fn the_first_speakers_look_different() {
        let colours: Vec<SpeakerColour> = (0..10).map(speaker_colour).collect();
        for (i, a) in colours.iter().enumerate() {
            for b in colours.iter().skip(i + 1) {
                assert_ne!(a.fill, b.fill);
                assert_ne!(a.edge, b.edge);
            }
        }
    }

    #[test]
    fn chart_bars_stand_out_from_the_paper() {
        for c in SHARE_COLOURS {
            let got = contrast(c, THEME.paper);
            assert!(got >= MARK_CONTRAST, "bar {c} on paper is {got:.2}");
        }
    }

    #[test]
    fn every_theme_pair_meets_aa() {
        for (what, fg, bg, least) in THEME.pairs() {
            let got = contrast(fg, bg);
            assert!(got >= least, "{what}: {fg} on {bg} is {got:.2}, needs {least}");
        }
    }
}
