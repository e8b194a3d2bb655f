//! Line breaking: at spaces, and inside a word only when the word alone is wider than a line.

use crate::font::Face;

/// Breaks `text` into lines no wider than `max` (at `size`), keeping the text's own line
/// breaks (blank lines at the start and the end are dropped). Always returns at least one (possibly empty) line; every line but an empty one holds
/// at least one character, so a line narrower than any character still makes progress.
pub(crate) fn wrap(face: &Face, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut out = Vec::new();
    for hard in text.split('\n') {
        let mut line = Line { face, size, max, text: String::new(), width: 0.0, out: &mut out };
        for word in hard.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            line.word(&clean(word));
        }
        line.flush_last();
    }
    trim_blank(out)
}

/// `lines` without blank lines at the start and the end (but at least one line).
fn trim_blank(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let blank = lines.iter().take_while(|l| l.is_empty()).count();
    lines.drain(..blank);
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `lines` cut to at most `max` lines, the last one ending in "…" when some were dropped.
pub(crate) fn cap(mut lines: Vec<String>, max: usize) -> Vec<String> {
    if lines.len() > max.max(1) {
        lines.truncate(max.max(1));
        if let Some(last) = lines.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    lines
}

/// `text` without control characters (they have no glyph and no width).
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The line being filled.
struct Line<'a> {
    face: &'a Face,
    size: f32,
    max: f32,
    text: String,
    width: f32,
    out: &'a mut Vec<String>,
}

impl Line<'_> {
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        let w = self.face.width(word, self.size);
        let space = if self.text.is_empty() { 0.0 } else { self.face.char_width(' ', self.size) };
        if self.width + space + w <= self.max {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(word);
            self.width += space + w;
            return;
        }
        self.flush();
        if w <= self.max {
            self.text.push_str(word);
            self.width = w;
        } else {
            self.split_word(word);
        }
    }

    /// Breaks a word wider than a line by characters; the last piece stays open.
    fn split_word(&mut self, word: &str) {
        for c in word.chars() {
            let cw = self.face.char_width(c, self.size);
            if !self.text.is_empty() && self.width + cw > self.max {
                self.flush();
            }
            self.text.push(c);
            self.width += cw;
        }
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.out.push(std::mem::take(&mut self.text));
        }
        self.width = 0.0;
    }

    /// Ends a hard line (an empty one is kept, as a blank line).
    fn flush_last(&mut self) {
        self.out.push(std::mem::take(&mut self.text));
    }
}
