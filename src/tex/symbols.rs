//! TeX's symbol tables: which glyph a command names and which atom class it has (the class
//! decides the spacing around it, TeXbook ch. 18), plus the Unicode math alphabets.

/// TeX's atom classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Ord,
    Op,
    Bin,
    Rel,
    Open,
    Close,
    Punct,
    Inner,
}

/// Class of a plain character in math mode, and the glyph it prints with.
pub fn char_class(c: char) -> (char, Class) {
    match c {
        '+' => ('+', Class::Bin),
        '-' => ('\u{2212}', Class::Bin),
        '*' => ('\u{2217}', Class::Bin),
        '=' | '<' | '>' | ':' => (c, Class::Rel),
        ',' | ';' => (c, Class::Punct),
        '(' | '[' => (c, Class::Open),
        ')' | ']' | '!' | '?' => (c, Class::Close),
        _ => (c, Class::Ord),
    }
}

const GREEK_LOWER: &[(&str, char)] = &[
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("epsilon", 'ϵ'),
    ("varepsilon", 'ε'),
    ("zeta", 'ζ'),
    ("eta", 'η'),
    ("theta", 'θ'),
    ("vartheta", 'ϑ'),
    ("iota", 'ι'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("mu", 'μ'),
    ("nu", 'ν'),
    ("xi", 'ξ'),
    ("pi", 'π'),
    ("varpi", 'ϖ'),
    ("rho", 'ρ'),
    ("varrho", 'ϱ'),
    ("sigma", 'σ'),
    ("varsigma", 'ς'),
    ("tau", 'τ'),
    ("upsilon", 'υ'),
    ("phi", 'ϕ'),
    ("varphi", 'φ'),
    ("chi", 'χ'),
    ("psi", 'ψ'),
    ("omega", 'ω'),
];

const GREEK_UPPER: &[(&str, char)] = &[
    ("Gamma", 'Γ'),
    ("Delta", 'Δ'),
    ("Theta", 'Θ'),
    ("Lambda", 'Λ'),
    ("Xi", 'Ξ'),
    ("Pi", 'Π'),
    ("Sigma", 'Σ'),
    ("Upsilon", 'Υ'),
    ("Phi", 'Φ'),
    ("Psi", 'Ψ'),
    ("Omega", 'Ω'),
];

const SYMBOLS: &[(&str, char, Class)] = &[
    // Ordinary symbols.
    ("partial", '\u{1D715}', Class::Ord),
    ("nabla", '∇', Class::Ord),
    ("infty", '∞', Class::Ord),
    ("ell", 'ℓ', Class::Ord),
    ("hbar", 'ℏ', Class::Ord),
    ("emptyset", '∅', Class::Ord),
    ("varnothing", '∅', Class::Ord),
    ("forall", '∀', Class::Ord),
    ("exists", '∃', Class::Ord),
    ("neg", '¬', Class::Ord),
    ("lnot", '¬', Class::Ord),
    ("prime", '′', Class::Ord),
    ("angle", '∠', Class::Ord),
    ("triangle", '△', Class::Ord),
    ("top", '⊤', Class::Ord),
    ("bot", '⊥', Class::Ord),
    ("Re", 'ℜ', Class::Ord),
    ("Im", 'ℑ', Class::Ord),
    ("aleph", 'ℵ', Class::Ord),
    ("|", '‖', Class::Ord),
    ("Vert", '‖', Class::Ord),
    ("vert", '|', Class::Ord),
    ("backslash", '\\', Class::Ord),
    ("%", '%', Class::Ord),
    ("$", '$', Class::Ord),
    ("#", '#', Class::Ord),
    ("_", '_', Class::Ord),
    ("&", '&', Class::Ord),
    ("vdots", '⋮', Class::Ord),
    ("ddots", '⋱', Class::Inner),
    ("dagger", '†', Class::Bin),
    ("star", '⋆', Class::Bin),
    ("imath", '\u{1D6A4}', Class::Ord),
    // Binary operators.
    ("pm", '±', Class::Bin),
    ("mp", '∓', Class::Bin),
    ("times", '×', Class::Bin),
    ("cdot", '⋅', Class::Bin),
    ("div", '÷', Class::Bin),
    ("circ", '∘', Class::Bin),
    ("ast", '∗', Class::Bin),
    ("bullet", '∙', Class::Bin),
    ("cup", '∪', Class::Bin),
    ("cap", '∩', Class::Bin),
    ("wedge", '∧', Class::Bin),
    ("land", '∧', Class::Bin),
    ("vee", '∨', Class::Bin),
    ("lor", '∨', Class::Bin),
    ("setminus", '∖', Class::Bin),
    ("oplus", '⊕', Class::Bin),
    ("otimes", '⊗', Class::Bin),
    ("odot", '⊙', Class::Bin),
    // Relations.
    ("le", '≤', Class::Rel),
    ("leq", '≤', Class::Rel),
    ("ge", '≥', Class::Rel),
    ("geq", '≥', Class::Rel),
    ("ne", '≠', Class::Rel),
    ("neq", '≠', Class::Rel),
    ("approx", '≈', Class::Rel),
    ("equiv", '≡', Class::Rel),
    ("sim", '∼', Class::Rel),
    ("simeq", '≃', Class::Rel),
    ("cong", '≅', Class::Rel),
    ("propto", '∝', Class::Rel),
    ("in", '∈', Class::Rel),
    ("notin", '∉', Class::Rel),
    ("ni", '∋', Class::Rel),
    ("subset", '⊂', Class::Rel),
    ("subseteq", '⊆', Class::Rel),
    ("supset", '⊃', Class::Rel),
    ("supseteq", '⊇', Class::Rel),
    ("to", '→', Class::Rel),
    ("rightarrow", '→', Class::Rel),
    ("leftarrow", '←', Class::Rel),
    ("gets", '←', Class::Rel),
    ("Rightarrow", '⇒', Class::Rel),
    ("Leftarrow", '⇐', Class::Rel),
    ("leftrightarrow", '↔', Class::Rel),
    ("Leftrightarrow", '⇔', Class::Rel),
    ("iff", '⟺', Class::Rel),
    ("implies", '⟹', Class::Rel),
    ("mapsto", '↦', Class::Rel),
    ("longrightarrow", '⟶', Class::Rel),
    ("ll", '≪', Class::Rel),
    ("gg", '≫', Class::Rel),
    ("perp", '⊥', Class::Rel),
    ("mid", '∣', Class::Rel),
    ("parallel", '∥', Class::Rel),
    ("coloneqq", '≔', Class::Rel),
    ("models", '⊨', Class::Rel),
    ("prec", '≺', Class::Rel),
    ("succ", '≻', Class::Rel),
    ("uparrow", '↑', Class::Rel),
    ("downarrow", '↓', Class::Rel),
    // Punctuation.
    ("colon", ':', Class::Punct),
    // Delimiters as symbols.
    ("langle", '⟨', Class::Open),
    ("rangle", '⟩', Class::Close),
    ("lfloor", '⌊', Class::Open),
    ("rfloor", '⌋', Class::Close),
    ("lceil", '⌈', Class::Open),
    ("rceil", '⌉', Class::Close),
    ("{", '{', Class::Open),
    ("}", '}', Class::Close),
    ("lbrace", '{', Class::Open),
    ("rbrace", '}', Class::Close),
    ("lvert", '|', Class::Open),
    ("rvert", '|', Class::Close),
    ("lVert", '‖', Class::Open),
    ("rVert", '‖', Class::Close),
    ("lbrack", '[', Class::Open),
    ("rbrack", ']', Class::Close),
    // amssymb and the rest of plain TeX's symbols.
    ("mho", '℧', Class::Ord),
    ("eth", 'ð', Class::Ord),
    ("Finv", 'Ⅎ', Class::Ord),
    ("Game", '⅁', Class::Ord),
    ("beth", 'ℶ', Class::Ord),
    ("gimel", 'ℷ', Class::Ord),
    ("daleth", 'ℸ', Class::Ord),
    ("wp", '℘', Class::Ord),
    ("jmath", '\u{1D6A5}', Class::Ord),
    ("clubsuit", '♣', Class::Ord),
    ("diamondsuit", '♢', Class::Ord),
    ("heartsuit", '♡', Class::Ord),
    ("spadesuit", '♠', Class::Ord),
    ("flat", '♭', Class::Ord),
    ("natural", '♮', Class::Ord),
    ("sharp", '♯', Class::Ord),
    ("surd", '√', Class::Ord),
    ("Box", '□', Class::Ord),
    ("square", '□', Class::Ord),
    ("blacksquare", '■', Class::Ord),
    ("lozenge", '◊', Class::Ord),
    ("blacklozenge", '⧫', Class::Ord),
    ("bigstar", '★', Class::Ord),
    ("triangledown", '▿', Class::Ord),
    ("blacktriangle", '▴', Class::Ord),
    ("blacktriangledown", '▾', Class::Ord),
    ("vartriangle", '△', Class::Ord),
    ("measuredangle", '∡', Class::Ord),
    ("sphericalangle", '∢', Class::Ord),
    ("complement", '∁', Class::Ord),
    ("nexists", '∄', Class::Ord),
    ("diagup", '╱', Class::Ord),
    ("diagdown", '╲', Class::Ord),
    ("backprime", '‵', Class::Ord),
    ("varkappa", '\u{1D718}', Class::Ord),
    ("digamma", 'ϝ', Class::Ord),
    ("hslash", 'ℏ', Class::Ord),
    ("checkmark", '✓', Class::Ord),
    ("circledR", '®', Class::Ord),
    ("circledS", 'Ⓢ', Class::Ord),
    ("maltese", '✠', Class::Ord),
    ("yen", '¥', Class::Ord),
    ("S", '§', Class::Ord),
    ("P", '¶', Class::Ord),
    ("dag", '†', Class::Ord),
    ("ddag", '‡', Class::Ord),
    ("pounds", '£', Class::Ord),
    ("copyright", '©', Class::Ord),
    ("degree", '°', Class::Ord),
    ("infin", '∞', Class::Ord),
    ("Reals", 'ℝ', Class::Ord),
    ("natnums", 'ℕ', Class::Ord),
    ("bigcirc", '◯', Class::Bin),
    ("amalg", '⨿', Class::Bin),
    ("ddagger", '‡', Class::Bin),
    ("uplus", '⊎', Class::Bin),
    ("sqcap", '⊓', Class::Bin),
    ("sqcup", '⊔', Class::Bin),
    ("wr", '≀', Class::Bin),
    ("diamond", '⋄', Class::Bin),
    ("bigtriangleup", '△', Class::Bin),
    ("bigtriangledown", '▽', Class::Bin),
    ("triangleleft", '◁', Class::Bin),
    ("triangleright", '▷', Class::Bin),
    ("lhd", '⊲', Class::Bin),
    ("rhd", '⊳', Class::Bin),
    ("unlhd", '⊴', Class::Bin),
    ("unrhd", '⊵', Class::Bin),
    ("ominus", '⊖', Class::Bin),
    ("oslash", '⊘', Class::Bin),
    ("dotplus", '∔', Class::Bin),
    ("smallsetminus", '∖', Class::Bin),
    ("Cap", '⋒', Class::Bin),
    ("Cup", '⋓', Class::Bin),
    ("doublebarwedge", '⩞', Class::Bin),
    ("barwedge", '⊼', Class::Bin),
    ("veebar", '⊻', Class::Bin),
    ("boxminus", '⊟', Class::Bin),
    ("boxtimes", '⊠', Class::Bin),
    ("boxdot", '⊡', Class::Bin),
    ("boxplus", '⊞', Class::Bin),
    ("divideontimes", '⋇', Class::Bin),
    ("ltimes", '⋉', Class::Bin),
    ("rtimes", '⋊', Class::Bin),
    ("leftthreetimes", '⋋', Class::Bin),
    ("rightthreetimes", '⋌', Class::Bin),
    ("curlywedge", '⋏', Class::Bin),
    ("curlyvee", '⋎', Class::Bin),
    ("circleddash", '⊝', Class::Bin),
    ("circledast", '⊛', Class::Bin),
    ("circledcirc", '⊚', Class::Bin),
    ("centerdot", '⋅', Class::Bin),
    ("intercal", '⊺', Class::Bin),
    ("gtrdot", '⋗', Class::Bin),
    ("lessdot", '⋖', Class::Bin),
    ("leqq", '≦', Class::Rel),
    ("geqq", '≧', Class::Rel),
    ("leqslant", '⩽', Class::Rel),
    ("geqslant", '⩾', Class::Rel),
    ("eqslantless", '⪕', Class::Rel),
    ("eqslantgtr", '⪖', Class::Rel),
    ("lesssim", '≲', Class::Rel),
    ("gtrsim", '≳', Class::Rel),
    ("lessapprox", '⪅', Class::Rel),
    ("gtrapprox", '⪆', Class::Rel),
    ("approxeq", '≊', Class::Rel),
    ("lessgtr", '≶', Class::Rel),
    ("gtrless", '≷', Class::Rel),
    ("lesseqgtr", '⋚', Class::Rel),
    ("gtreqless", '⋛', Class::Rel),
    ("lll", '⋘', Class::Rel),
    ("ggg", '⋙', Class::Rel),
    ("doteqdot", '≑', Class::Rel),
    ("Doteq", '≑', Class::Rel),
    ("doteq", '≐', Class::Rel),
    ("risingdotseq", '≓', Class::Rel),
    ("fallingdotseq", '≒', Class::Rel),
    ("backsim", '∽', Class::Rel),
    ("backsimeq", '⋍', Class::Rel),
    ("subseteqq", '⫅', Class::Rel),
    ("supseteqq", '⫆', Class::Rel),
    ("Subset", '⋐', Class::Rel),
    ("Supset", '⋑', Class::Rel),
    ("sqsubset", '⊏', Class::Rel),
    ("sqsupset", '⊐', Class::Rel),
    ("sqsubseteq", '⊑', Class::Rel),
    ("sqsupseteq", '⊒', Class::Rel),
    ("preccurlyeq", '≼', Class::Rel),
    ("succcurlyeq", '≽', Class::Rel),
    ("curlyeqprec", '⋞', Class::Rel),
    ("curlyeqsucc", '⋟', Class::Rel),
    ("precsim", '≾', Class::Rel),
    ("succsim", '≿', Class::Rel),
    ("precapprox", '⪷', Class::Rel),
    ("succapprox", '⪸', Class::Rel),
    ("preceq", '⪯', Class::Rel),
    ("succeq", '⪰', Class::Rel),
    ("vartriangleleft", '⊲', Class::Rel),
    ("vartriangleright", '⊳', Class::Rel),
    ("trianglelefteq", '⊴', Class::Rel),
    ("trianglerighteq", '⊵', Class::Rel),
    ("vDash", '⊨', Class::Rel),
    ("Vdash", '⊩', Class::Rel),
    ("Vvdash", '⊪', Class::Rel),
    ("vdash", '⊢', Class::Rel),
    ("dashv", '⊣', Class::Rel),
    ("smallsmile", '⌣', Class::Rel),
    ("smallfrown", '⌢', Class::Rel),
    ("smile", '⌣', Class::Rel),
    ("frown", '⌢', Class::Rel),
    ("bumpeq", '≏', Class::Rel),
    ("Bumpeq", '≎', Class::Rel),
    ("between", '≬', Class::Rel),
    ("pitchfork", '⋔', Class::Rel),
    ("shortmid", '∣', Class::Rel),
    ("shortparallel", '∥', Class::Rel),
    ("thicksim", '∼', Class::Rel),
    ("thickapprox", '≈', Class::Rel),
    ("therefore", '∴', Class::Rel),
    ("because", '∵', Class::Rel),
    ("eqcirc", '≖', Class::Rel),
    ("circeq", '≗', Class::Rel),
    ("triangleq", '≜', Class::Rel),
    ("asymp", '≍', Class::Rel),
    ("bowtie", '⋈', Class::Rel),
    ("Join", '⋈', Class::Rel),
    ("owns", '∋', Class::Rel),
    ("varpropto", '∝', Class::Rel),
    ("blacktriangleleft", '◀', Class::Rel),
    ("blacktriangleright", '▶', Class::Rel),
    ("backepsilon", '϶', Class::Rel),
    ("sqsubsetneq", '⋤', Class::Rel),
    ("eqsim", '≂', Class::Rel),
    ("approxident", '≋', Class::Rel),
    ("multimap", '⊸', Class::Rel),
    ("longleftarrow", '⟵', Class::Rel),
    ("Longleftarrow", '⟸', Class::Rel),
    ("Longrightarrow", '⟹', Class::Rel),
    ("longleftrightarrow", '⟷', Class::Rel),
    ("Longleftrightarrow", '⟺', Class::Rel),
    ("longmapsto", '⟼', Class::Rel),
    ("hookleftarrow", '↩', Class::Rel),
    ("hookrightarrow", '↪', Class::Rel),
    ("leftharpoonup", '↼', Class::Rel),
    ("leftharpoondown", '↽', Class::Rel),
    ("rightharpoonup", '⇀', Class::Rel),
    ("rightharpoondown", '⇁', Class::Rel),
    ("rightleftharpoons", '⇌', Class::Rel),
    ("leftrightharpoons", '⇋', Class::Rel),
    ("Uparrow", '⇑', Class::Rel),
    ("Downarrow", '⇓', Class::Rel),
    ("updownarrow", '↕', Class::Rel),
    ("Updownarrow", '⇕', Class::Rel),
    ("nearrow", '↗', Class::Rel),
    ("searrow", '↘', Class::Rel),
    ("swarrow", '↙', Class::Rel),
    ("nwarrow", '↖', Class::Rel),
    ("leadsto", '⇝', Class::Rel),
    ("leftleftarrows", '⇇', Class::Rel),
    ("rightrightarrows", '⇉', Class::Rel),
    ("leftrightarrows", '⇆', Class::Rel),
    ("rightleftarrows", '⇄', Class::Rel),
    ("Lleftarrow", '⇚', Class::Rel),
    ("Rrightarrow", '⇛', Class::Rel),
    ("twoheadleftarrow", '↞', Class::Rel),
    ("twoheadrightarrow", '↠', Class::Rel),
    ("leftarrowtail", '↢', Class::Rel),
    ("rightarrowtail", '↣', Class::Rel),
    ("looparrowleft", '↫', Class::Rel),
    ("looparrowright", '↬', Class::Rel),
    ("curvearrowleft", '↶', Class::Rel),
    ("curvearrowright", '↷', Class::Rel),
    ("circlearrowleft", '↺', Class::Rel),
    ("circlearrowright", '↻', Class::Rel),
    ("Lsh", '↰', Class::Rel),
    ("Rsh", '↱', Class::Rel),
    ("upuparrows", '⇈', Class::Rel),
    ("downdownarrows", '⇊', Class::Rel),
    ("upharpoonleft", '↿', Class::Rel),
    ("upharpoonright", '↾', Class::Rel),
    ("downharpoonleft", '⇃', Class::Rel),
    ("downharpoonright", '⇂', Class::Rel),
    ("rightsquigarrow", '⇝', Class::Rel),
    ("leftrightsquigarrow", '↭', Class::Rel),
    ("restriction", '↾', Class::Rel),
    ("nleftarrow", '↚', Class::Rel),
    ("nrightarrow", '↛', Class::Rel),
    ("nLeftarrow", '⇍', Class::Rel),
    ("nRightarrow", '⇏', Class::Rel),
    ("nleftrightarrow", '↮', Class::Rel),
    ("nLeftrightarrow", '⇎', Class::Rel),
    ("nless", '≮', Class::Rel),
    ("ngtr", '≯', Class::Rel),
    ("nleq", '≰', Class::Rel),
    ("ngeq", '≱', Class::Rel),
    ("nleqslant", '\u{E010}', Class::Rel),
    ("ngeqslant", '\u{E00F}', Class::Rel),
    ("nleqq", '\u{E011}', Class::Rel),
    ("ngeqq", '\u{E00E}', Class::Rel),
    ("lneq", '⪇', Class::Rel),
    ("gneq", '⪈', Class::Rel),
    ("lneqq", '≨', Class::Rel),
    ("gneqq", '≩', Class::Rel),
    ("lvertneqq", '\u{E00C}', Class::Rel),
    ("gvertneqq", '\u{E00D}', Class::Rel),
    ("lnsim", '⋦', Class::Rel),
    ("gnsim", '⋧', Class::Rel),
    ("lnapprox", '⪉', Class::Rel),
    ("gnapprox", '⪊', Class::Rel),
    ("nprec", '⊀', Class::Rel),
    ("nsucc", '⊁', Class::Rel),
    ("npreceq", '⋠', Class::Rel),
    ("nsucceq", '⋡', Class::Rel),
    ("precneqq", '⪵', Class::Rel),
    ("succneqq", '⪶', Class::Rel),
    ("precnsim", '⋨', Class::Rel),
    ("succnsim", '⋩', Class::Rel),
    ("precnapprox", '⪹', Class::Rel),
    ("succnapprox", '⪺', Class::Rel),
    ("nsim", '≁', Class::Rel),
    ("ncong", '≇', Class::Rel),
    ("nshortmid", '\u{E006}', Class::Rel),
    ("nshortparallel", '\u{E007}', Class::Rel),
    ("nmid", '∤', Class::Rel),
    ("nparallel", '∦', Class::Rel),
    ("nvdash", '⊬', Class::Rel),
    ("nvDash", '⊭', Class::Rel),
    ("nVdash", '⊮', Class::Rel),
    ("nVDash", '⊯', Class::Rel),
    ("ntriangleleft", '⋪', Class::Rel),
    ("ntriangleright", '⋫', Class::Rel),
    ("ntrianglelefteq", '⋬', Class::Rel),
    ("ntrianglerighteq", '⋭', Class::Rel),
    ("nsubseteq", '⊈', Class::Rel),
    ("nsupseteq", '⊉', Class::Rel),
    ("nsubseteqq", '\u{E016}', Class::Rel),
    ("nsupseteqq", '\u{E018}', Class::Rel),
    ("subsetneq", '⊊', Class::Rel),
    ("supsetneq", '⊋', Class::Rel),
    ("varsubsetneq", '\u{E01A}', Class::Rel),
    ("varsupsetneq", '\u{E01B}', Class::Rel),
    ("subsetneqq", '⫋', Class::Rel),
    ("supsetneqq", '⫌', Class::Rel),
    ("varsubsetneqq", '\u{E017}', Class::Rel),
    ("varsupsetneqq", '\u{E019}', Class::Rel),
    ("notni", '∌', Class::Rel),
    ("ulcorner", '⌜', Class::Open),
    ("urcorner", '⌝', Class::Close),
    ("llcorner", '⌞', Class::Open),
    ("lrcorner", '⌟', Class::Close),
    ("lgroup", '⟮', Class::Open),
    ("rgroup", '⟯', Class::Close),
    ("lmoustache", '⎰', Class::Open),
    ("rmoustache", '⎱', Class::Close),
    ("ldotp", '.', Class::Punct),
    ("cdotp", '⋅', Class::Punct),
];

/// A command naming a single glyph.
pub fn symbol(name: &str) -> Option<(char, Class)> {
    if let Some(&(_, c)) = GREEK_LOWER.iter().find(|(n, _)| *n == name) {
        return Some((map_alphabet(c, Alpha::Italic), Class::Ord));
    }
    if let Some(&(_, c)) = GREEK_UPPER.iter().find(|(n, _)| *n == name) {
        return Some((c, Class::Ord));
    }
    SYMBOLS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, c, k)| (c, k))
}

/// Spacing commands, in em (18 mu = 1 em), and whether they are in math units (`\,`) rather
/// than text-font lengths (`\quad`).
pub fn space(name: &str) -> Option<(f64, bool)> {
    let mu = |n: f64| Some((n / 18.0, true));
    match name {
        "," | "thinspace" => mu(3.0),
        ":" | ">" | "medspace" => mu(4.0),
        ";" | "thickspace" => mu(5.0),
        "!" | "negthinspace" => mu(-3.0),
        "negmedspace" => mu(-4.0),
        "negthickspace" => mu(-5.0),
        // Text-font lengths: the math style does not shrink them.
        " " => Some((1.0 / 3.0, false)),
        "quad" => Some((1.0, false)),
        "qquad" => Some((2.0, false)),
        "enspace" => Some((0.5, false)),
        _ => None,
    }
}

/// Named operators printed as upright words; the flag says whether they take limits in
/// display style (`\lim`, `\max`) or always side scripts (`\sin`).
pub fn word_operator(name: &str) -> Option<(&'static str, bool)> {
    const NOLIM: &[&str] = &[
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
        "tanh", "coth", "exp", "log", "ln", "lg", "det", "dim", "ker", "deg", "hom", "arg",
    ];
    const LIM: &[&str] = &[
        "lim", "max", "min", "sup", "inf", "limsup", "liminf", "Pr", "gcd", "argmax", "argmin",
        "projlim", "injlim",
    ];
    if let Some(n) = NOLIM.iter().find(|n| **n == name) {
        return Some((n, false));
    }
    LIM.iter().find(|n| **n == name).map(|n| {
        let w: &'static str = match *n {
            "limsup" => "lim\u{2009}sup",
            "liminf" => "lim\u{2009}inf",
            "argmax" => "arg\u{2009}max",
            "argmin" => "arg\u{2009}min",
            "projlim" => "proj\u{2009}lim",
            "injlim" => "inj\u{2009}lim",
            other => other,
        };
        (w, true)
    })
}

pub fn big_operator(name: &str) -> Option<char> {
    Some(match name {
        "sum" => '∑',
        "prod" => '∏',
        "coprod" => '∐',
        "int" => '∫',
        "iint" => '∬',
        "iiint" => '∭',
        "oint" => '∮',
        "bigcup" => '⋃',
        "bigcap" => '⋂',
        "bigoplus" => '⨁',
        "bigotimes" => '⨂',
        "bigvee" => '⋁',
        "bigwedge" => '⋀',
        _ => return None,
    })
}

pub fn accent(name: &str) -> Option<char> {
    Some(match name {
        "hat" | "widehat" => '\u{0302}',
        "bar" => '\u{0304}',
        "tilde" | "widetilde" => '\u{0303}',
        "vec" => '\u{20D7}',
        "dot" => '\u{0307}',
        "ddot" => '\u{0308}',
        "acute" => '\u{0301}',
        "grave" => '\u{0300}',
        "check" => '\u{030C}',
        "breve" => '\u{0306}',
        "dddot" => '\u{20DB}',
        "ddddot" => '\u{20DC}',
        "mathring" => '\u{030A}',
        _ => return None,
    })
}

/// `\big` family: size index 1–4 and the class the delimiter gets.
pub fn big(name: &str) -> Option<(usize, Class)> {
    let (base, class) = if let Some(b) = name.strip_suffix('l') {
        (b, Class::Open)
    } else if let Some(b) = name.strip_suffix('r') {
        (b, Class::Close)
    } else if let Some(b) = name.strip_suffix('m') {
        (b, Class::Rel)
    } else {
        (name, Class::Ord)
    };
    let size = match base {
        "big" => 1,
        "Big" => 2,
        "bigg" => 3,
        "Bigg" => 4,
        _ => return None,
    };
    Some((size, class))
}

/// Commands allowed after `\left`, `\right` and `\big…`.
pub fn delimiter(name: &str) -> Option<char> {
    Some(match name {
        "{" | "lbrace" => '{',
        "}" | "rbrace" => '}',
        "langle" => '⟨',
        "rangle" => '⟩',
        "|" | "Vert" | "lVert" | "rVert" => '‖',
        "vert" | "lvert" | "rvert" | "mid" => '|',
        "lfloor" => '⌊',
        "rfloor" => '⌋',
        "lceil" => '⌈',
        "rceil" => '⌉',
        "lbrack" => '[',
        "rbrack" => ']',
        "backslash" => '\\',
        "uparrow" => '↑',
        "downarrow" => '↓',
        _ => return None,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Alpha {
    Italic,
    Roman,
    Bold,
    BoldItalic,
    Blackboard,
    Script,
    Sans,
    Mono,
    Fraktur,
    /// LaTeX's designs (KaTeX fonts), marked by `designs::mark`.
    Design(super::designs::Design),
}

/// Maps a letter or digit into a Unicode math alphabet (the OpenType math font has them all).
pub fn map_alphabet(c: char, a: Alpha) -> char {
    let off = |base: u32, from: char| char::from_u32(base + (c as u32 - from as u32)).unwrap_or(c);
    let is_greek = ('α'..='ω').contains(&c);
    match a {
        Alpha::Roman => c,
        Alpha::Italic => match c {
            'h' => 'ℎ',
            'a'..='z' => off(0x1D44E, 'a'),
            'A'..='Z' => off(0x1D434, 'A'),
            _ if is_greek => off(0x1D6FC, 'α'),
            'Α'..='Ω' => off(0x1D6E2, 'Α'),
            'ϵ' => '\u{1D716}',
            'ϑ' => '\u{1D717}',
            'ϕ' => '\u{1D719}',
            'ϱ' => '\u{1D71A}',
            'ϖ' => '\u{1D71B}',
            _ => c,
        },
        Alpha::Bold => match c {
            'a'..='z' => off(0x1D41A, 'a'),
            'A'..='Z' => off(0x1D400, 'A'),
            '0'..='9' => off(0x1D7CE, '0'),
            _ => c,
        },
        Alpha::BoldItalic => match c {
            'a'..='z' => off(0x1D482, 'a'),
            'A'..='Z' => off(0x1D468, 'A'),
            '0'..='9' => off(0x1D7CE, '0'),
            _ => c,
        },
        Alpha::Blackboard => match c {
            'C' => 'ℂ',
            'H' => 'ℍ',
            'N' => 'ℕ',
            'P' => 'ℙ',
            'Q' => 'ℚ',
            'R' => 'ℝ',
            'Z' => 'ℤ',
            'a'..='z' => off(0x1D552, 'a'),
            'A'..='Z' => off(0x1D538, 'A'),
            '0'..='9' => off(0x1D7D8, '0'),
            _ => c,
        },
        Alpha::Script => match c {
            'B' => 'ℬ',
            'E' => 'ℰ',
            'F' => 'ℱ',
            'H' => 'ℋ',
            'I' => 'ℐ',
            'L' => 'ℒ',
            'M' => 'ℳ',
            'R' => 'ℛ',
            'e' => 'ℯ',
            'g' => 'ℊ',
            'o' => 'ℴ',
            'a'..='z' => off(0x1D4B6, 'a'),
            'A'..='Z' => off(0x1D49C, 'A'),
            _ => c,
        },
        Alpha::Sans => match c {
            'a'..='z' => off(0x1D5BA, 'a'),
            'A'..='Z' => off(0x1D5A0, 'A'),
            '0'..='9' => off(0x1D7E2, '0'),
            _ => c,
        },
        Alpha::Design(d) => super::designs::mark(c, d).unwrap_or_else(|| {
            map_alphabet(
                c,
                match d {
                    super::designs::Design::Calligraphic => Alpha::Script,
                    super::designs::Design::Blackboard => Alpha::Blackboard,
                    super::designs::Design::Fraktur => Alpha::Fraktur,
                    super::designs::Design::TextItalic
                    | super::designs::Design::OldStyle
                    | super::designs::Design::Extension
                    | super::designs::Design::Symbol
                    | super::designs::Design::Size1
                    | super::designs::Design::Size2
                    | super::designs::Design::Size3 => Alpha::Italic,
                },
            )
        }),
        Alpha::Fraktur => match c {
            'C' => 'ℭ',
            'H' => 'ℌ',
            'I' => 'ℑ',
            'R' => 'ℜ',
            'Z' => 'ℨ',
            'a'..='z' => off(0x1D51E, 'a'),
            'A'..='Z' => off(0x1D504, 'A'),
            _ => c,
        },
        Alpha::Mono => match c {
            'a'..='z' => off(0x1D68A, 'a'),
            'A'..='Z' => off(0x1D670, 'A'),
            '0'..='9' => off(0x1D7F6, '0'),
            _ => c,
        },
    }
}

/// Every command name the parser knows, for "did you mean" suggestions.
fn all_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    v.extend(GREEK_LOWER.iter().map(|(n, _)| *n));
    v.extend(GREEK_UPPER.iter().map(|(n, _)| *n));
    v.extend(SYMBOLS.iter().map(|(n, _, _)| *n));
    v.extend([
        "sin",
        "cos",
        "tan",
        "exp",
        "log",
        "ln",
        "lim",
        "max",
        "min",
        "sum",
        "prod",
        "int",
        "frac",
        "dfrac",
        "tfrac",
        "sqrt",
        "left",
        "right",
        "text",
        "mathrm",
        "mathbf",
        "mathit",
        "mathbb",
        "mathcal",
        "operatorname",
        "hat",
        "bar",
        "tilde",
        "vec",
        "dot",
        "quad",
        "qquad",
        "color",
        "textcolor",
        "begin",
        "end",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "overline",
        "underline",
        "binom",
        "displaystyle",
        "textstyle",
    ]);
    v
}

/// The closest known command by edit distance, if close enough to be a likely typo.
pub fn closest(name: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for n in all_names() {
        let d = edit_distance(name, n);
        if d <= 2 && d < name.len() && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n)
}

/// Levenshtein distance (also used by the scene language's suggestions).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}
