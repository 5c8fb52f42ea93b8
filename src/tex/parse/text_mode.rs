//! Text mode, for `\text{…}` and its kin: characters are set upright in the current text
//! alphabet with interword spaces, `$…$` switches back to math (text style), groups nest,
//! font switches (`\bf`, `\textit{…}`), sizes (`\tiny` … `\Huge`), `\ `, `~`, the logos and
//! the escaped specials work. Anything else is an error with a caret, never source printed.

use super::commands::is_text_size;
use super::{text_alphabet, Alphabet, Meta, Node, Parser, Stop, StyleKind, TexError, Tok};

impl Parser<'_> {
    /// A text-mode argument: a braced group or a single token.
    pub(super) fn text_arg(&mut self, what: &str) -> Result<Vec<Node>, TexError> {
        self.skip_spaces();
        let sp = self.here();
        match self.peek().map(|t| t.tok.clone()) {
            Some(Tok::Open) => {
                self.pos += 1;
                self.depth += 1;
                let r = self.text_list(&sp);
                self.depth -= 1;
                r
            }
            Some(Tok::Char(c)) => {
                self.pos += 1;
                let meta = self.meta(&sp);
                Ok(vec![Node::Text {
                    text: self.text_char(c).to_string(),
                    meta,
                }])
            }
            Some(Tok::Cmd(_)) => {
                // One command as the argument (`\text\LaTeX`).
                let end = self.pos + 1;
                let mut out = Vec::new();
                let mut run = String::new();
                self.text_token(&mut out, &mut run, &sp)?;
                self.flush_run(&mut out, &mut run);
                debug_assert!(self.pos >= end);
                Ok(out)
            }
            _ => self.err(format!("{what} needs an argument"), sp),
        }
    }

    fn text_char(&self, c: char) -> char {
        if c.is_ascii_alphanumeric() {
            self.styled_char(c)
        } else {
            match c {
                '~' => '\u{00A0}',
                '`' => '‘',
                '\'' => '’',
                c => c,
            }
        }
    }

    /// Ends the pending run of characters as one text node, in the part where it began.
    fn flush_run(&mut self, out: &mut Vec<Node>, run: &mut String) {
        if !run.is_empty() {
            let at = self.run_start..self.run_start;
            out.push(Node::Text {
                text: std::mem::take(run),
                meta: self.meta(&at),
            });
        }
    }

    /// Before a character at `sp` joins the run: a run never spans two parts (Manim's `Tex`
    /// strings stay addressable), and a new run remembers where it began.
    fn join_run(&mut self, out: &mut Vec<Node>, run: &mut String, sp: &std::ops::Range<usize>) {
        if !run.is_empty() && self.part_of(self.run_start) != self.part_of(sp.start) {
            self.flush_run(out, run);
        }
        if run.is_empty() {
            self.run_start = sp.start;
        }
    }

    /// A whole text (Manim's `Tex`): lines split at `\\` and `\newline`. A size switch
    /// (`\large`) scales the rest of the text.
    pub(super) fn text_lines(&mut self) -> Result<Vec<Vec<Node>>, TexError> {
        let mut lines = Vec::new();
        let mut line = Vec::new();
        let mut run = String::new();
        let mut scale: Option<(f64, usize)> = None;
        let end_line = |line: &mut Vec<Node>, scale: Option<(f64, usize)>| {
            let mut l = std::mem::take(line);
            if let Some((factor, from)) = scale {
                let from = from.min(l.len());
                let body = l.split_off(from);
                l.push(Node::Scaled { factor, body });
            }
            l
        };
        while let Some(t) = self.peek() {
            let sp = t.span.clone();
            match t.tok.clone() {
                Tok::Cmd(n) if n == "\\" || n == "newline" => {
                    self.pos += 1;
                    self.flush_run(&mut line, &mut run);
                    lines.push(end_line(&mut line, scale));
                    scale = scale.map(|(f, _)| (f, 0));
                }
                Tok::Cmd(n) if is_text_size(&n).is_some() => {
                    self.pos += 1;
                    self.flush_run(&mut line, &mut run);
                    if let Some((f, from)) = scale {
                        let from = from.min(line.len());
                        let body = line.split_off(from);
                        line.push(Node::Scaled { factor: f, body });
                    }
                    scale = Some((is_text_size(&n).unwrap_or(1.0), line.len()));
                }
                Tok::Open => {
                    self.pos += 1;
                    self.flush_run(&mut line, &mut run);
                    self.depth += 1;
                    let inner = self.text_list(&sp);
                    self.depth -= 1;
                    line.push(Node::Group(inner?));
                }
                Tok::Close => return self.err("unbalanced '}': no '{' opens it", sp),
                _ => self.text_token(&mut line, &mut run, &sp)?,
            }
        }
        self.flush_run(&mut line, &mut run);
        if !line.is_empty() || lines.is_empty() {
            lines.push(end_line(&mut line, scale));
        }
        Ok(lines)
    }

    /// The rest of a braced text group, up to its `}`.
    fn text_list(&mut self, open: &std::ops::Range<usize>) -> Result<Vec<Node>, TexError> {
        if self.depth >= super::MAX_DEPTH {
            return self.err("formula nested too deeply", open.clone());
        }
        let saved_alpha = self.alphabet;
        let saved_color = self.color.clone();
        let mut out = Vec::new();
        let mut run = String::new();
        let r = loop {
            let Some(t) = self.peek() else {
                break self.err("unbalanced '{': this text is never closed", open.clone());
            };
            let sp = t.span.clone();
            match t.tok.clone() {
                Tok::Close => {
                    self.pos += 1;
                    self.flush_run(&mut out, &mut run);
                    break Ok(());
                }
                Tok::Open => {
                    self.pos += 1;
                    self.flush_run(&mut out, &mut run);
                    self.depth += 1;
                    let inner = self.text_list(&sp);
                    self.depth -= 1;
                    out.push(Node::Group(inner?));
                }
                _ => {
                    if let Some(size) = match &t.tok {
                        Tok::Cmd(n) => is_text_size(n),
                        _ => None,
                    } {
                        // A size switch scales the rest of the group.
                        self.pos += 1;
                        self.flush_run(&mut out, &mut run);
                        let rest = self.text_list(open)?;
                        out.push(Node::Scaled {
                            factor: size,
                            body: rest,
                        });
                        self.alphabet = saved_alpha;
                        self.color = saved_color;
                        return Ok(out);
                    }
                    if let Err(e) = self.text_token(&mut out, &mut run, &sp) {
                        break Err(e);
                    }
                }
            }
        };
        self.alphabet = saved_alpha;
        self.color = saved_color;
        r.map(|_| out)
    }

    /// One token of text: a character (into the current run) or a command.
    fn text_token(
        &mut self,
        out: &mut Vec<Node>,
        run: &mut String,
        sp: &std::ops::Range<usize>,
    ) -> Result<(), TexError> {
        if self.expand_macro() {
            return Ok(());
        }
        let tok = self.toks[self.pos].tok.clone();
        self.pos += 1;
        match tok {
            Tok::Char('$') => {
                self.flush_run(out, run);
                let saved = self.in_text_math;
                let saved_alpha = self.alphabet;
                self.in_text_math = true;
                self.alphabet = Alphabet::Italic;
                let r = self.parse_list();
                self.in_text_math = saved;
                self.alphabet = saved_alpha;
                let (list, stop) = r?;
                if stop != Stop::Dollar {
                    return self.err("math inside \\text is never closed by '$'", sp.clone());
                }
                let mut g = vec![Node::StyleSwitch(StyleKind::Text)];
                g.extend(list);
                out.push(Node::Group(g));
            }
            Tok::Char(c) if c.is_whitespace() => {
                self.join_run(out, run, sp);
                if !run.ends_with(' ') {
                    run.push(' ');
                }
            }
            Tok::Char(c) => {
                self.join_run(out, run, sp);
                let ch = self.text_char(c);
                if !crate::tex::layout::glyph_available(ch) {
                    return self.err(
                        format!("the character '{c}' is in none of valley's fonts"),
                        sp.clone(),
                    );
                }
                run.push(ch)
            }
            Tok::Prime => {
                self.join_run(out, run, sp);
                run.push('’')
            }
            Tok::Cmd(name) => {
                self.flush_run(out, run);
                // What the command adds to a run (`\%`, `\ `) belongs to the command's part.
                self.run_start = sp.start;
                let meta = self.meta(sp);
                self.text_command(&name, sp, meta, out, run)?;
            }
            Tok::Sup | Tok::Sub | Tok::Amp => {
                return self.err(
                    "'^', '_' and '&' work only in math: put them between $…$",
                    sp.clone(),
                )
            }
            Tok::Open | Tok::Close => unreachable!(),
        }
        Ok(())
    }

    fn text_command(
        &mut self,
        name: &str,
        sp: &std::ops::Range<usize>,
        meta: Meta,
        out: &mut Vec<Node>,
        run: &mut String,
    ) -> Result<(), TexError> {
        let special = match name {
            "$" | "%" | "&" | "#" | "_" | "{" | "}" => name.chars().next(),
            "textbackslash" => Some('\\'),
            "textasciitilde" => Some('~'),
            "textasciicircum" => Some('^'),
            // Control spaces and ties are not merged with the spaces around them.
            " " | "nobreakspace" | "space" => Some('\u{00A0}'),
            "ldots" | "dots" | "textellipsis" => Some('…'),
            "textendash" => Some('–'),
            "textemdash" => Some('—'),
            _ => None,
        };
        if let Some(c) = special {
            run.push(c);
            return Ok(());
        }
        if let Some((em, _)) = crate::tex::symbols::space(name) {
            // In text, every space is in em of the text's own font, which follows the style's
            // size like math units do.
            out.push(Node::Space(em));
            return Ok(());
        }
        match name {
            "textbf" | "textit" | "textsf" | "texttt" | "textrm" | "textnormal" | "text"
            | "emph" | "textup" | "mbox" | "hbox" | "textmd" | "textsl" => {
                let saved = self.alphabet;
                self.alphabet = text_alphabet(name).unwrap_or(Alphabet::Roman);
                let body = self.text_arg(&format!("\\{name}"));
                self.alphabet = saved;
                out.push(Node::Group(body?));
            }
            "LaTeX" | "TeX" => out.push(Node::Logo {
                latex: name == "LaTeX",
                meta,
            }),
            "color" => {
                let c = self.color_arg("\\color")?;
                self.color = Some(c);
            }
            "textcolor" => {
                let c = self.color_arg("\\textcolor")?;
                let saved = self.color.replace(c);
                let body = self.text_arg("\\textcolor");
                self.color = saved;
                out.push(Node::Group(body?));
            }
            "kern" | "hspace" | "hskip" => {
                let v = if name == "hspace" {
                    self.eat_char('*');
                    let at = self.here();
                    let t = self.word_arg("\\hspace")?;
                    match super::dimen(&t) {
                        Some(v) => v,
                        None => return self.err(format!("'{t}' is not a length"), at),
                    }
                } else {
                    self.dimen_tokens(sp)?
                };
                out.push(Node::Kern(v));
            }
            "phantom" => {
                let body = self.text_arg("\\phantom")?;
                out.push(Node::Phantom {
                    body,
                    ink: false,
                    w: true,
                    h: true,
                    d: true,
                });
            }
            "nobreak" | "allowbreak" | "relax" | "/" | "-" => {}
            other => {
                if let Some(a) = text_alphabet(other) {
                    self.alphabet = a;
                    return Ok(());
                }
                return self.err(
                    format!("\\{other} is not supported in text: math commands go between $…$"),
                    sp.clone(),
                );
            }
        }
        let _ = run;
        Ok(())
    }
}
