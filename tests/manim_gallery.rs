//! Manim CE gallery scenes ported to valley (scenes/examples/manim/): each compiles, renders at
//! its start, middle and end, and draws something other than the background in at least one.

mod common;

use valley::pipeline::render_at;

fn ports() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join("scenes/examples/manim"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "scene"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_port_names_its_manim_example_and_renders() {
    let ports = ports();
    assert!(ports.len() >= 8, "{} ports", ports.len());
    for p in ports {
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.starts_with("// Manim CE gallery: "),
            "{} must name the Manim example it ports",
            p.display()
        );
        let rel = p
            .strip_prefix(common::root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let tl = common::compile_file(&rel, None);
        let mut drawn = 0;
        for t in [0.0, tl.duration() / 2.0, tl.duration()] {
            let pm = render_at(&tl, t, 256, 144).unwrap_or_else(|e| panic!("{rel} at {t}: {e}"));
            let px = pm.data();
            let first = &px[..4];
            if px.chunks(4).filter(|c| *c != first).count() > 50 {
                drawn += 1;
            }
        }
        assert!(drawn > 0, "{rel}: every frame is (almost) empty");
    }
}

#[test]
fn ports_match_manims_geometry() {
    // BraceAnnotation: the horizontal brace spans the line (x from −2 to 2), 0.2 below it.
    let tl = common::compile_file("scenes/examples/manim/brace_annotation.scene", None);
    let o = tl.state_at(0.0).unwrap().objects;
    let (lo, hi) = o[3].bounds().unwrap();
    assert!((lo.x + 2.0).abs() < 1e-6 && (hi.x - 2.0).abs() < 1e-6 && (hi.y + 1.2).abs() < 1e-6);
    // PointMovingOnShapes: 1 + 1 + 2 + 1.5 + 1 seconds; the dot ends where it started the turn.
    let tl = common::compile_file("scenes/examples/manim/point_moving_on_shapes.scene", None);
    assert!((tl.duration() - 6.5).abs() < 1e-9);
    let d = |t: f64| tl.state_at(t).unwrap().objects[0].center();
    assert!((d(4.0) - d(5.5)).length() < 1e-6);
    assert!((d(4.75).x - 3.0).abs() < 1e-6, "{:?}", d(4.75)); // half a turn about (2, 0)
                                                              // GraphAreaPlot: the area between the curves spans x = 2..3 of the axes.
    let tl = common::compile_file("scenes/examples/manim/graph_area_plot.scene", None);
    let o = tl.state_at(0.0).unwrap().objects;
    let f = o[0].coords.clone().unwrap();
    let (lo, hi) = o[8].bounds().unwrap(); // ax, 2 labels, 2 curves, 2 lines, rectangles, area
    assert!((lo.x - f.to_scene(2.0, 0.0, 0.0).x).abs() < 1e-6);
    assert!((hi.x - f.to_scene(3.0, 0.0, 0.0).x).abs() < 1e-6);
}
