//! Manim CE gallery scenes ported to valley (scenes/examples/manim/): each names its Manim
//! example, and each is checked against golden frames in tests/golden_gallery/ (854×480, at
//! frame times of a `-ql` render, 15 fps) with the strict pixel comparison of tests/golden.rs.
//! Every golden was first compared by eye with Manim CE 0.22's own frame at the same time. A new
//! port must be added to PORTS (with its goldens): the test lists the folder. Regenerate after an
//! intended visual change with `VALLEY_BLESS=1 cargo test --test manim_gallery`.

mod common;

use common::pixels::{compare_in, H, W};
use valley::pipeline::render_at;

/// Each port: file stem, scene, and the frames (at 15 fps) kept as goldens.
const PORTS: &[(&str, &str, &[u32])] = &[
    ("arg_min_example", "ArgMinExample", &[6, 29]),
    ("boolean_operations", "BooleanOperations", &[60, 134]),
    ("brace_annotation", "BraceAnnotation", &[0]),
    (
        "fixed_in_frame_mobject_test",
        "FixedInFrameMObjectTest",
        &[14],
    ),
    ("following_graph_camera", "FollowingGraphCamera", &[22, 37]),
    ("gradient_image_from_array", "GradientImageFromArray", &[0]),
    ("graph_area_plot", "GraphAreaPlot", &[0]),
    ("heat_diagram_plot", "HeatDiagramPlot", &[0]),
    ("line_joints", "LineJoints", &[0]),
    ("manim_ce_logo", "ManimCELogo", &[0]),
    ("moving_angle", "MovingAngle", &[37, 50]),
    (
        "moving_zoomed_scene_around",
        "MovingZoomedSceneAround",
        &[45, 120],
    ),
    ("moving_around", "MovingAround", &[22, 59]),
    ("moving_dots", "MovingDots", &[22, 44]),
    ("moving_frame_box", "MovingFrameBox", &[22, 89]),
    (
        "moving_group_to_destination",
        "MovingGroupToDestination",
        &[7, 21],
    ),
    ("opening_manim", "OpeningManim", &[22, 224]),
    ("point_moving_on_shapes", "PointMovingOnShapes", &[22, 75]),
    ("point_with_trace", "PointWithTrace", &[29, 89]),
    ("polygon_on_axes", "PolygonOnAxes", &[7, 52]),
    ("rotation_updater", "RotationUpdater", &[15, 45]),
    ("sin_and_cos_function_plot", "SinAndCosFunctionPlot", &[0]),
    ("sine_curve_unit_circle", "SineCurveUnitCircle", &[60, 127]),
    ("spiral_in_example", "SpiralInExample", &[7, 44]),
    ("square_to_circle", "SquareToCircle", &[22, 44]),
    (
        "three_d_camera_illusion_rotation",
        "ThreeDCameraIllusionRotation",
        &[8, 23],
    ),
    ("three_d_camera_rotation", "ThreeDCameraRotation", &[22, 44]),
    (
        "three_d_light_source_position",
        "ThreeDLightSourcePosition",
        &[0],
    ),
    ("three_d_surface_plot", "ThreeDSurfacePlot", &[0]),
    ("updaters_example", "UpdatersExample", &[20, 60]),
    ("vector_arrow", "VectorArrow", &[0]),
    ("warp_square", "WarpSquare", &[22, 59]),
    ("write_stuff", "WriteStuff", &[22, 59]),
];

fn ports() -> Vec<String> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join("scenes/examples/manim"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "scene"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

fn path(stem: &str) -> String {
    format!("scenes/examples/manim/{stem}.scene")
}

/// Every port in the folder names its Manim example and has goldens (is in PORTS), and PORTS
/// names no port that is gone.
#[test]
fn every_port_names_its_manim_example_and_has_goldens() {
    let ports = ports();
    let listed: Vec<String> = PORTS.iter().map(|p| p.0.to_string()).collect();
    for p in &ports {
        let text = std::fs::read_to_string(common::root().join(path(p))).unwrap();
        assert!(
            text.starts_with("// Manim CE gallery: "),
            "{p}.scene must name the Manim example it ports"
        );
        assert!(
            listed.contains(p),
            "{p}.scene has no goldens: add it to PORTS in tests/manim_gallery.rs and bless them \
             (after comparing them with Manim's frames)"
        );
    }
    for l in &listed {
        assert!(ports.contains(l), "PORTS names {l}, which is not a port");
    }
}

/// Each port's golden frames, pixel for pixel (with the golden tolerance). Every frame is
/// compared before the test fails, so one run lists every frame that changed.
#[test]
fn ports_match_their_goldens() {
    let mut failed = Vec::new();
    for (stem, scene, frames) in PORTS {
        let tl = common::compile_file(&path(stem), Some(scene));
        for &k in *frames {
            let t = k as f64 / 15.0;
            assert!(
                t <= tl.duration() + 1e-9,
                "{scene}: frame {k} is past the end"
            );
            let pm = render_at(&tl, t, W, H).unwrap_or_else(|e| panic!("{scene} at {t}: {e}"));
            let name = format!("{scene}_{k:03}");
            if std::panic::catch_unwind(|| compare_in("golden_gallery", &name, &pm)).is_err() {
                failed.push(name);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "frames that differ: {}",
        failed.join(", ")
    );
}

/// Frame counts at 15 fps equal those of Manim's own `-ql` renders (Manim CE 0.22), so the
/// timing is the same to the frame.
#[test]
fn ports_last_as_long_as_manims() {
    let manim = [
        ("moving_around", 60),
        ("moving_angle", 68),
        ("moving_dots", 45),
        ("point_with_trace", 90),
        ("arg_min_example", 30),
        ("polygon_on_axes", 60),
        ("following_graph_camera", 45),
        ("sine_curve_unit_circle", 143),
        ("updaters_example", 90),
        ("three_d_camera_rotation", 45),
        ("three_d_camera_illusion_rotation", 24),
        ("write_stuff", 60),
        ("opening_manim", 225),
    ];
    for (stem, n) in manim {
        let tl = common::compile_file(&path(stem), None);
        assert_eq!(tl.frame_count(15.0), n, "{stem}");
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

/// What comparing with Manim's renders found, kept from coming back: objects turning with the
/// clock are drawn again in every frame of a `wait` (they were held still in videos), a camera
/// following an object keeps up with its animations and stays there when it stops, and a path
/// traced from an object follows its animations.
#[test]
fn clock_follow_and_trace_follow_animations() {
    // RotationUpdater: the line turns during both waits, so no frame there is a held one.
    let tl = common::compile_file(&path("rotation_updater"), None);
    assert!(!tl.is_still(1.0, 1.0 + 1.0 / 15.0));
    assert!(!tl.is_still(3.0, 3.0 + 1.0 / 15.0));
    // MovingGroupToDestination's closing wait is still.
    let tl = common::compile_file(&path("moving_group_to_destination"), None);
    assert!(tl.is_still(1.1, 1.1 + 1.0 / 15.0));
    // FollowingGraphCamera: half-way along the graph the camera is centred on the moving dot
    // (moved by move_along), and the restore starts from the end of the graph.
    let tl = common::compile_file(&path("following_graph_camera"), None);
    let f = tl.state_at(1.5).unwrap();
    let dot = f.objects[4].center();
    assert!(
        (f.camera.center - dot).length() < 1e-9,
        "{:?}",
        f.camera.center
    );
    let end = tl.state_at(2.0).unwrap().camera.center;
    let ax = &tl.state_at(0.0).unwrap().objects[0];
    let far = ax
        .coords
        .clone()
        .unwrap()
        .to_scene(3.0 * std::f64::consts::PI, 0.0, 0.0);
    assert!((end.x - far.x).abs() < 1e-6, "{end:?} {far:?}");
    // PointWithTrace: after the half turn about (1, 0) the path reaches down to y = −1 and
    // across to x = 2.
    let tl = common::compile_file(&path("point_with_trace"), None);
    let (lo, hi) = tl.state_at(2.0).unwrap().objects[0].bounds().unwrap();
    assert!(
        (lo.y + 1.0).abs() < 0.01 && (hi.x - 2.0).abs() < 0.01,
        "{lo:?} {hi:?}"
    );
    // MovingAngle at 180°: the lines meet at their shared end, so the angle is a half circle.
    let tl = common::compile_file(&path("moving_angle"), None);
    let a = &tl.state_at(3.0).unwrap().objects[2];
    let (lo, hi) = a.bounds().unwrap();
    assert!((hi.x - lo.x - 1.0).abs() < 0.05, "{lo:?} {hi:?}");
}
