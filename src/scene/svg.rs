//! SVG files as objects (Manim's SVGMobject): parsed by usvg, every path a part of the result
//! in document order, scaled to a height of 2 and centred, as Manim does.

use super::{Color, Mobject, Style};
use crate::geom::{Path, Vec3};

/// Why an SVG file could not be turned into an object.
#[derive(Debug)]
pub struct SvgError(pub String);

fn color(c: usvg::Color) -> Color {
    Color::rgb8(c.red, c.green, c.blue)
}

/// A paint's colour: plain colours as they are, gradients by their first stop (valley fills
/// with one colour).
fn paint_color(p: &usvg::Paint) -> Result<Color, SvgError> {
    match p {
        usvg::Paint::Color(c) => Ok(color(*c)),
        usvg::Paint::LinearGradient(g) => g
            .stops()
            .first()
            .map(|s| color(s.color()))
            .ok_or_else(|| SvgError("a gradient without stops".into())),
        usvg::Paint::RadialGradient(g) => g
            .stops()
            .first()
            .map(|s| color(s.color()))
            .ok_or_else(|| SvgError("a gradient without stops".into())),
        usvg::Paint::Pattern(_) => Err(SvgError("pattern fills are not supported".into())),
    }
}

fn convert(p: &usvg::Path) -> Result<Mobject, SvgError> {
    let tf = p.abs_transform();
    let pt = |q: usvg::tiny_skia_path::Point| {
        let mut q = q;
        tf.map_point(&mut q);
        // SVG's y points down.
        Vec3::xy(q.x as f64, -(q.y as f64))
    };
    let mut path = Path::new();
    for seg in p.data().segments() {
        use usvg::tiny_skia_path::PathSegment as S;
        match seg {
            S::MoveTo(a) => path.move_to(pt(a)),
            S::LineTo(a) => path.line_to(pt(a)),
            S::QuadTo(c, a) => path.quad_to(pt(c), pt(a)),
            S::CubicTo(c1, c2, a) => path.cubic_to(pt(c1), pt(c2), pt(a)),
            S::Close => path.close(),
        }
    }
    let mut st = Style {
        fill_opacity: 0.0,
        stroke_width: 0.0,
        ..Style::default()
    };
    if let Some(f) = p.fill() {
        st.fill = paint_color(f.paint())?;
        st.fill_opacity = f.opacity().get();
        st.stroke = st.fill;
    }
    if let Some(s) = p.stroke() {
        st.stroke = paint_color(s.paint())?;
        st.stroke_opacity = s.opacity().get();
        // Manim keeps the file's stroke width as its own stroke width (scaled below).
        st.stroke_width = s.width().get() as f64;
    }
    Ok(Mobject::leaf(path, st))
}

fn walk(g: &usvg::Group, out: &mut Vec<Mobject>) -> Result<(), SvgError> {
    for n in g.children() {
        match n {
            usvg::Node::Group(g) => walk(g, out)?,
            usvg::Node::Path(p) if p.is_visible() => out.push(convert(p)?),
            usvg::Node::Path(_) => {}
            usvg::Node::Image(_) => {
                return Err(SvgError("images inside SVG files are not supported".into()))
            }
            usvg::Node::Text(_) => {
                return Err(SvgError(
                    "text inside SVG files is not supported (convert it to paths)".into(),
                ))
            }
        }
    }
    Ok(())
}

/// The SVG document `data` as a group with one part per path, `height` tall, centred.
pub fn svg(data: &[u8], height: f64) -> Result<Mobject, SvgError> {
    // usvg is built without its text engine and would drop text silently: refuse it instead.
    if let Ok(doc) = std::str::from_utf8(data)
        .map_err(|_| ())
        .and_then(|t| usvg::roxmltree::Document::parse(t).map_err(|_| ()))
    {
        if doc.descendants().any(|n| n.tag_name().name() == "text") {
            return Err(SvgError(
                "text inside SVG files is not supported (convert it to paths)".into(),
            ));
        }
    }
    let tree = usvg::Tree::from_data(data, &usvg::Options::default())
        .map_err(|e| SvgError(format!("not a valid SVG file ({e})")))?;
    let mut parts = Vec::new();
    walk(tree.root(), &mut parts)?;
    if parts.is_empty() {
        return Err(SvgError("the SVG file has no paths".into()));
    }
    let mut m = Mobject::group(parts);
    let h = m.height();
    if h > 1e-12 {
        let k = height / h;
        m.scale(k, None);
        m.for_each_leaf_mut(&mut |l| l.style.stroke_width *= k);
    }
    let c = m.center();
    m.shift(-c);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_parts_scaled_to_height_two() {
        let doc = br##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
            <rect x="0" y="0" width="100" height="50" fill="#ff0000"/>
            <g transform="translate(10 10)"><circle cx="10" cy="10" r="5" fill="none" stroke="#00ff00" stroke-width="2"/></g>
        </svg>"##;
        let m = svg(doc, 2.0).unwrap();
        assert_eq!(m.children.len(), 2);
        assert!((m.height() - 2.0).abs() < 1e-6 && (m.width() - 4.0).abs() < 1e-6);
        assert!(m.center().length() < 1e-6);
        assert_eq!(m.children[0].style.fill.to_hex(), "#FF0000");
        assert_eq!(m.children[1].style.fill_opacity, 0.0);
        assert_eq!(m.children[1].style.stroke.to_hex(), "#00FF00");
        // The circle is in the upper left (SVG's y points down).
        let c = m.children[1].center();
        assert!(c.x < 0.0 && c.y > 0.0, "{c:?}");
    }

    #[test]
    fn broken_files_are_errors() {
        assert!(svg(b"<svg", 2.0).is_err());
        assert!(svg(br#"<svg xmlns="http://www.w3.org/2000/svg"></svg>"#, 2.0).is_err());
    }
}
