//! Manim's vocabulary (the table-driven standard library): shapes, layout, annotation,
//! numbers, axis annotation, animations and data, each checked against Manim's geometry and
//! defaults from the compiled timeline.

mod common;
use common::compile_src;
use valley::scene::Mobject;

/// The objects on screen at time `t`.
fn at(src: &str, t: f64) -> Vec<Mobject> {
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    let objects = tl.state_at(t).unwrap().objects;
    objects
        .into_iter()
        .map(std::sync::Arc::unwrap_or_clone)
        .collect()
}

fn err(src: &str) -> String {
    match compile_src(src) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn shapes_have_manims_sizes() {
    let o = at(
        r#"scene S {
    add(triangle(), regular_polygon(6, radius: 2), star(), ellipse(width: 4, height: 2))
    add(annulus(), sector(radius: 2), rounded_rectangle(), cross_out())
}"#,
        0.0,
    );
    // Triangle on the unit circle, pointing up: top at y = 1, bottom at y = −0.5.
    let (lo, hi) = o[0].bounds().unwrap();
    assert!(
        close(hi.y, 1.0, 1e-9) && close(lo.y, -0.5, 1e-9),
        "{lo:?} {hi:?}"
    );
    // Hexagon of radius 2, flat: width 4, height 2√3.
    assert!(close(o[1].width(), 4.0, 1e-9) && close(o[1].height(), 2.0 * 3f64.sqrt(), 1e-9));
    // Manim's colours: polygons BLUE, ellipse RED, annulus WHITE and filled.
    assert_eq!(o[0].style.stroke.to_hex(), "#58C4DD");
    assert_eq!(o[3].style.stroke.to_hex(), "#FC6255");
    assert!(close(o[3].width(), 4.0, 1e-6) && close(o[3].height(), 2.0, 1e-6));
    assert_eq!(o[4].style.fill_opacity, 1.0);
    assert!(close(o[4].width(), 4.0, 1e-6));
    // Quarter sector of radius 2 in the first quadrant.
    let (lo, hi) = o[5].bounds().unwrap();
    assert!(close(lo.x, 0.0, 1e-9) && close(hi.x, 2.0, 1e-6) && close(hi.y, 2.0, 1e-6));
    assert!(close(o[6].width(), 4.0, 1e-9) && close(o[6].height(), 2.0, 1e-9));
    assert_eq!(o[7].children.len(), 2);
}

#[test]
fn angle_marks_and_dashes() {
    let o = at(
        r#"scene S {
    let a = line(ORIGIN, 2 * RIGHT)
    let b = line(ORIGIN, 2 * UP)
    add(angle(a, b), right_angle(a, b, length: 0.5), dashed_line(LEFT, RIGHT), dashed(circle()))
}"#,
        0.0,
    );
    let arc = &o[0];
    let (lo, hi) = arc.bounds().unwrap();
    assert!(close(hi.x, 0.4, 1e-6) && close(hi.y, 0.4, 1e-6) && close(lo.x, 0.0, 1e-6));
    let (_, hi) = o[1].bounds().unwrap();
    assert!(close(hi.x, 0.5, 1e-9) && close(hi.y, 0.5, 1e-9));
    // A 2-unit dashed line with 0.05 dashes, half of each period drawn: 20 dashes.
    assert_eq!(o[2].children.len(), 20);
    assert_eq!(o[3].children.len(), 15);
}

#[test]
fn arrows_vectors_and_polygons_from_lists() {
    let o = at(
        r#"scene S {
    add(vector([2, 1]), double_arrow(LEFT, RIGHT), curved_arrow(2 * LEFT, 2 * RIGHT))
    add(polygon_from([[0, 0], [2, 0], [2, 1]], fill_opacity: 0.5), polyline([0, 0], [1, 1], [2, 0]))
}"#,
        0.0,
    );
    let (_, hi) = o[0].bounds().unwrap();
    assert!(close(hi.x, 2.0, 0.05) && close(hi.y, 1.0, 0.05), "{hi:?}");
    // Double arrow: buff 0.25 at each end, tips at both.
    let (lo, hi) = o[1].bounds().unwrap();
    assert!(close(lo.x, -0.75, 1e-9) && close(hi.x, 0.75, 1e-9));
    assert_eq!(o[1].children.len(), 3);
    // The curved arrow turns counterclockwise from start to end: below the chord, as Manim's.
    assert!(o[2].bounds().unwrap().0.y < -0.5);
    assert_eq!(o[3].style.fill_opacity, 0.5);
    assert!(close(o[4].width(), 2.0, 1e-9));
}

#[test]
fn arrange_and_grid_follow_manim() {
    let o = at(
        r#"scene S {
    let g = group(square(side: 1), square(side: 1), square(side: 1)).arrange(RIGHT, buff: 1)
    add(g)
    let h = group([circle(radius: 0.5) for i in 0..6]).arrange_in_grid(rows: 2, buff: 0.5)
    add(h)
}"#,
        0.0,
    );
    let xs: Vec<f64> = o[..3].iter().map(|m| m.center().x).collect();
    assert!(
        close(xs[0], -2.0, 1e-9) && close(xs[1], 0.0, 1e-9) && close(xs[2], 2.0, 1e-9),
        "{xs:?}"
    );
    // 2 × 3 grid of unit circles, 0.5 apart, centred where it was (the origin).
    let c: Vec<_> = o[3..].iter().map(|m| m.center()).collect();
    assert!(
        close(c[0].x, -1.5, 1e-6) && close(c[0].y, 0.75, 1e-6),
        "{c:?}"
    );
    assert!(close(c[5].x, 1.5, 1e-6) && close(c[5].y, -0.75, 1e-6));
}

#[test]
fn sizing_stretching_and_flipping() {
    let o = at(
        r#"scene S {
    add(circle().set_width(4), square().stretch(2, 0), square().set_height(1, stretch: true))
    add(triangle().flip(), rectangle().scale_xy(0.5, 2))
    let s = square().shift(3 * RIGHT)
    add(text(fmt(s.get_x(), 1)))
}"#,
        0.0,
    );
    assert!(close(o[0].width(), 4.0, 1e-9) && close(o[0].height(), 4.0, 1e-9));
    assert!(close(o[1].width(), 4.0, 1e-9) && close(o[1].height(), 2.0, 1e-9));
    assert!(close(o[2].width(), 2.0, 1e-9) && close(o[2].height(), 1.0, 1e-9));
    assert!(close(o[4].width(), 2.0, 1e-9) && close(o[4].height(), 4.0, 1e-9));
}

#[test]
fn argument_mistakes_are_caught_by_the_table() {
    let e = err("scene S { add(star(7, outer_radiuss: 2)) }");
    assert!(e.contains("`star` has no argument `outer_radiuss`"), "{e}");
    assert!(e.contains("did you mean `outer_radius`"), "{e}");
    let e = err("scene S { add(ellipse(width: \"wide\")) }");
    assert!(
        e.contains("`width` of `ellipse` must be a number, found a string"),
        "{e}"
    );
    let e = err("scene S { add(angle(line(LEFT, RIGHT))) }");
    assert!(e.contains("`angle` needs its `line2` argument"), "{e}");
    assert!(e.contains("usage: angle(line1, line2"), "{e}");
    let e = err("scene S { add(regular_polygon(5, 6)) }");
    assert!(e.contains("takes 1 positional argument"), "{e}");
    let e = err("scene S { add(square().arange(RIGHT)) }");
    assert!(e.contains("did you mean `arrange`"), "{e}");
    let e = err("scene S { add(trangle()) }");
    assert!(e.contains("did you mean `triangle`"), "{e}");
}

#[test]
fn growing_and_indicating_follow_manims_timing() {
    let src = r#"scene S {
    let s = square(side: 2).shift(RIGHT)
    play(grow_from_center(s))
    play(indicate(s))
    play(wiggle(s))
    play(draw_border_then_fill(s))
}"#;
    let tl = compile_src(src).unwrap();
    // 1 + 1 + 2 + 2 seconds (Manim: Wiggle and DrawBorderThenFill last 2 s).
    assert!(close(tl.duration(), 6.0, 1e-9), "{}", tl.duration());
    let w = |t: f64| tl.state_at(t).unwrap().objects[0].width();
    assert!(w(0.0) < 1e-4);
    assert!(close(w(0.5), 1.0, 1e-6), "{}", w(0.5)); // smooth(0.5) = 0.5
                                                     // Indicate: 1.2× and yellow at its middle, back to itself at the end.
    let o = tl.state_at(1.5).unwrap().objects;
    assert!(close(o[0].width(), 2.4, 1e-6));
    assert_eq!(o[0].style.stroke.to_hex(), "#FFFF00");
    assert!(close(w(2.0), 2.0, 1e-9));
    assert!(close(
        tl.state_at(2.0).unwrap().objects[0].center().x,
        1.0,
        1e-9
    ));
    assert!(close(w(6.0), 2.0, 1e-9));
}

#[test]
fn flashes_and_frames_come_and_go() {
    let src = r#"scene S {
    let c = circle()
    add(c)
    play(flash(c))
    play(circumscribe(c))
    play(focus_on(2 * RIGHT))
    play(show_passing_flash(c.copy().set_color(YELLOW), time_width: 0.5))
}"#;
    let tl = compile_src(src).unwrap();
    assert!(close(tl.duration(), 5.0, 1e-9));
    let leaves = |t: f64| -> usize {
        tl.state_at(t)
            .unwrap()
            .objects
            .iter()
            .map(|m| m.leaves().len())
            .sum()
    };
    // 12 rays while flashing, a frame while circumscribing, a disc while focusing.
    assert_eq!(leaves(0.5), 1 + 12);
    assert_eq!(leaves(1.5), 1 + 1);
    assert_eq!(leaves(2.5), 1 + 1);
    // Nothing is left behind: the flashed copy is removed at the end.
    assert_eq!(leaves(5.0), 1);
}

#[test]
fn rotate_restore_and_fade_transform_keep_their_end() {
    let src = r#"scene S {
    let s = square().shift(2 * RIGHT)
    add(s)
    s.save_state()
    play(rotate(s, PI / 2, about_point: ORIGIN))
    play(restore(s))
    let c = circle(radius: 0.5).shift(UP)
    play(fade_transform(s, c))
    play(apply_wave(c))
}"#;
    let tl = compile_src(src).unwrap();
    let centre = |t: f64| tl.state_at(t).unwrap().objects[0].center();
    // Halfway through the rotation about the origin the square is on the diagonal.
    let h = centre(0.5);
    assert!(
        close(h.x, 2f64.sqrt(), 1e-6) && close(h.y, 2f64.sqrt(), 1e-6),
        "{h:?}"
    );
    let e = centre(1.0);
    assert!(close(e.x, 0.0, 1e-6) && close(e.y, 2.0, 1e-6), "{e:?}");
    let r = centre(2.0);
    assert!(close(r.x, 2.0, 1e-6) && close(r.y, 0.0, 1e-6), "{r:?}");
    // After the fade transform only the circle is on screen.
    let o = tl.state_at(3.0).unwrap().objects;
    assert_eq!(o.len(), 1);
    assert!(close(o[0].width(), 1.0, 1e-6));
    let e = err("scene S { let s = square()\n play(restore(s)) }");
    assert!(e.contains("save_state"), "{e}");
}

#[test]
fn braces_labels_and_frames() {
    let o = at(
        r#"scene S {
    let l = line([-2, -1], [2, 1])
    let b1 = brace(l)
    let t1 = b1.get_text("Horizontal distance")
    let b2 = brace_between_points(LEFT, RIGHT)
    let t2 = b2.get_tex("x-x_1")
    add(l, b1, t1, b2, t2)
    let s = square(side: 1)
    add(surrounding_rectangle(s), background_rectangle(s), underline(s))
}"#,
        0.0,
    );
    // Manim: the brace spans the line's width, 0.2 below its lowest point; its label sits
    // 0.25 under the tip.
    let (lo, hi) = o[1].bounds().unwrap();
    assert!(close(lo.x, -2.0, 1e-6) && close(hi.x, 2.0, 1e-6) && close(hi.y, -1.2, 1e-6));
    let (_, thi) = o[2].bounds().unwrap();
    assert!(close(thi.y, lo.y - 0.25, 0.02), "{thi:?} {lo:?}");
    assert!(close(o[2].center().x, 0.0, 0.02), "{:?}", o[2].center());
    // A brace between LEFT and RIGHT goes below the segment (its right-hand side).
    assert!(o[3].bounds().unwrap().1.y < -0.19);
    assert!(o[4].center().y < -0.5);
    // Surrounding: buff 0.1, PURE_YELLOW (Manim CE's default, not YELLOW); background: black,
    // 0.75 opaque; underline 0.1 below.
    assert!(close(o[5].width(), 1.2, 1e-9));
    assert_eq!(o[5].style.stroke.to_hex(), "#FFFF00");
    assert_eq!(o[6].style.fill_opacity, 0.75);
    assert!(close(o[7].center().y, -0.6, 1e-9) && close(o[7].width(), 1.0, 1e-9));
}

#[test]
fn live_numbers_matrices_and_tables() {
    let src = r#"scene S {
    let t = tracker(0)
    let v = variable(t, "x", num_decimal_places: 1)
    add(v)
    add(matrix([[1, 2], [3, "\pi"]]).to_edge(LEFT))
    add(table([["a", "b"], ["c", "d"]], col_labels: ["1", "2"], include_outer_lines: true).to_edge(RIGHT))
    play(t.to(12.5), rate_func: linear)
}"#;
    let tl = compile_src(src).unwrap();
    let parts = |t: f64| tl.state_at(t).unwrap().objects[0].children.clone();
    // label, "=", number; the number has 3 glyphs at 0.0 and 4 at 12.5.
    assert_eq!(parts(0.0).len(), 3);
    assert_eq!(parts(0.0)[2].leaves().len(), 3);
    assert_eq!(parts(1.0)[2].leaves().len(), 4);
    let o = tl.state_at(0.0).unwrap().objects;
    assert_eq!(o[1].children.len(), 3); // entries, two brackets
    assert_eq!(o[1].children[0].children.len(), 4);
    assert_eq!(o[2].children[0].children.len(), 6);
    // 2 inner row lines (labels, 2 rows) + 1 inner column line + 4 outer lines.
    assert_eq!(o[2].children[1].children.len(), 7);
    let e = err("scene S { add(matrix([1, 2])) }");
    assert!(e.contains("list of rows"), "{e}");
}

#[test]
fn axis_annotation_reads_graphs_back() {
    let src = r#"
fn f(x) = 4 * x - x^2
fn g(x) = 0.8 * x^2 - 3 * x + 4
scene S {
    let ax = axes(x_range: [0, 5], y_range: [0, 6], tips: false).add_coordinates([2, 3], [])
    let c1 = ax.plot(f, x_range: [0, 4], color: BLUE)
    let c2 = ax.plot(g, x_range: [0, 4], color: GREEN)
    let p = ax.i2gp(2, c1)
    let v = ax.get_vertical_line(p)
    let rr = ax.get_riemann_rectangles(c1, x_range: [0.3, 0.6], dx: 0.03)
    let area = ax.get_area(c2, [2, 3], bounded_graph: c1, color: GREY, opacity: 0.5)
    let lab = ax.get_graph_label(c1, "\sin(x)", x_val: 1, direction: UP)
    let lg = ax.plot_line_graph([0, 1, 2], [0, 1, 4])
    add(ax, c1, c2, v, rr, area, lab, lg)
}"#;
    let o = at(src, 0.0);
    let f = o[0].coords.clone().unwrap();
    // Two number labels joined the x axis (its shaft stays first, so `plot` still works).
    assert_eq!(o[0].children[0].children.len(), 1 + 2 + 5); // shaft, 2 numbers, ticks 1..5
                                                            // i2gp(2) on 4x − x² is (2, 4) in data.
    let top = f.to_scene(2.0, 4.0, 0.0);
    let (lo, hi) = o[3].bounds().unwrap();
    assert!(close(hi.y, top.y, 1e-3) && close(lo.y, f.to_scene(2.0, 0.0, 0.0).y, 1e-3));
    assert!(o[3].children.len() > 10, "dashed");
    // 10 rectangles, BLUE to GREEN, black outline.
    assert_eq!(o[4].children.len(), 10);
    assert_eq!(o[4].children[0].style.fill.to_hex(), "#58C4DD");
    assert_eq!(o[4].children[9].style.fill.to_hex(), "#83C167");
    // Between x = 2 and 3 the area spans from g up to f.
    let (alo, ahi) = o[5].bounds().unwrap();
    assert!(
        close(alo.x, f.to_scene(2.0, 0.0, 0.0).x, 1e-6)
            && close(ahi.x, f.to_scene(3.0, 0.0, 0.0).x, 1e-6)
    );
    assert!(close(ahi.y, f.to_scene(0.0, 4.0, 0.0).y, 1e-3), "{ahi:?}");
    // The label sits above (1, 3), in the graph's colour.
    assert!(o[6].bounds().unwrap().0.y > f.to_scene(1.0, 3.0, 0.0).y);
    assert_eq!(o[6].leaves()[0].style.fill.to_hex(), "#58C4DD");
    assert_eq!(o[7].children[1].children.len(), 3);
}

#[test]
fn number_planes_lines_and_bar_charts() {
    let o = at(
        r#"scene S {
    let plane = number_plane()
    add(plane, dot(plane.c2p(2, 1)))
    add(number_line(x_range: [-3, 3, 1], include_numbers: true))
    add(bar_chart([1, 3, 2], bar_names: ["a", "b", "c"]))
    add(number_plane(faded_line_ratio: 2))
}"#,
        0.0,
    );
    // The default plane is the frame, unit squares: c2p(2, 1) is (2, 1).
    assert!(close(o[1].center().x, 2.0, 1e-9) && close(o[1].center().y, 1.0, 1e-9));
    let lines = o[0].leaves().iter().filter(|l| l.z_index == -1).count();
    // Vertical lines at −7..7 (15), horizontal ones at −3..3 (7), those through the origin
    // included (under the axes) and none on the range's ends (±4 is the frame's edge), as
    // Manim's NumberPlane.
    assert_eq!(lines, 15 + 7);
    assert_eq!(o[0].leaves()[1].style.stroke.to_hex(), "#29ABCA");
    // Number line −3..3: 7 numbers.
    assert_eq!(
        o[2].children[0]
            .children
            .iter()
            .filter(|c| c.children.len() == 1)
            .count(),
        7
    );
    assert_eq!(o[3].children[2].children.len(), 3);
    assert_eq!(o[3].children[3].children.len(), 3);
    let faded = o[4].leaves().iter().filter(|l| l.z_index == -1).count();
    assert!(faded > 2 * lines - 4, "{faded}");
}

#[test]
fn seeded_random_numbers_and_statistics() {
    let src = r#"scene S {
    let a = uniform(0, 10, size: 5, seed: 3)
    let b = uniform(0, 10, size: 5, seed: 3)
    let c = uniform(0, 10, size: 5, seed: 4)
    let xs = linspace(0, 1, 5)
    let fit = polyfit([0, 1, 2, 3], [1, 3, 5, 7], 1)
    let s = sort([3, 1, 2])
    let k = argsort([3, 1, 2])
    let n = normal(size: 1000, seed: 1)
    let pick = choice(["a", "b", "c"], size: 4, seed: 2)
    add(text(f"{a == b} {a == c} {xs[1]} {fit[0]} {fit[1]} {s[0]} {k[0]} {sum(s)} {mean(s)} {std([1, 3])}"))
    add(dot([mean(n), std(n)]))
    add(text(str(len(pick))))
}"#;
    let tl = compile_src(src).unwrap();
    assert_eq!(tl.duration(), 0.0);
    // Same seed, same numbers; another seed, others. polyfit of 2x + 1 is [2, 1]. (Lists are
    // compared by the sum of squared differences.)
    let check = compile_src(
        r#"fn d2(a, b) = sum([(a[i] - b[i])^2 for i in 0..len(a)])
scene S {
    let a = uniform(0, 10, size: 5, seed: 3)
    if d2(a, uniform(0, 10, size: 5, seed: 3)) > 1e-18 { add(undefined_name) }
    if d2(a, uniform(0, 10, size: 5, seed: 4)) < 1e-18 { add(undefined_name) }
    let fit = polyfit([0, 1, 2, 3], [1, 3, 5, 7], 1)
    if abs(fit[0] - 2) > 1e-9 || abs(fit[1] - 1) > 1e-9 { add(undefined_name) }
    if d2(sort([3, 1, 2]), [1, 2, 3]) > 1e-18 || d2(argsort([3, 1, 2]), [1, 2, 0]) > 1e-18 { add(undefined_name) }
    if abs(std([1, 3]) - 1) > 1e-12 || mean([1, 2, 3]) != 2 || sum([]) != 0 { add(undefined_name) }
    if d2(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]) > 1e-18 { add(undefined_name) }
    let n = normal(3, 2, size: 4000, seed: 1)
    if abs(mean(n) - 3) > 0.1 || abs(std(n) - 2) > 0.1 { add(undefined_name) }
    if min(uniform(size: 100)) < 0 || max(uniform(size: 100)) >= 1 { add(undefined_name) }
}"#,
    );
    assert!(check.is_ok(), "{}", check.err().unwrap());
    let e = err("scene S { let m = mean([]) }");
    assert!(e.contains("`mean` of an empty list"), "{e}");
}

#[test]
fn data_files_beside_the_scene_only() {
    let dir = common::tmpdir("data");
    let scenes = dir.join("scenes");
    std::fs::create_dir_all(scenes.join("data")).unwrap();
    std::fs::write(dir.join("secret.txt"), "TOP-SECRET-CONTENT").unwrap();
    std::fs::write(
        scenes.join("data/points.csv"),
        "x,y,name\n0,1,a\n1,3,\"b,c\"\n2,5,d\n",
    )
    .unwrap();
    std::fs::write(
        scenes.join("data/info.json"),
        r#"{"series": {"values": [1, 2.5, -3]}, "title": "T"}"#,
    )
    .unwrap();
    std::fs::write(
        scenes.join("bad.json"),
        "{\"a\": [1, 2,, TOP-SECRET-CONTENT]}",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.txt"), scenes.join("link.csv")).unwrap();
    let run = |body: &str| -> Result<valley::timeline::Timeline, String> {
        let f = scenes.join("s.scene");
        let d2 = "fn d2(a, b) = sum([(a[i] - b[i])^2 for i in 0..len(a)])";
        std::fs::write(&f, format!("{d2}\nscene S {{\n{body}\n}}\n")).unwrap();
        valley::lang::Program::load(&f)
            .and_then(|p| p.compile(None))
            .map_err(|d| d.to_string())
    };
    run(r#"let ys = read_csv("data/points.csv", column: "y")
    if d2(ys, [1, 3, 5]) > 1e-18 { add(wrong) }
    let rows = read_csv("data/points.csv")
    if rows[1][2] != "b,c" || len(rows) != 3 { add(wrong) }
    let v = read_json("data/info.json", key: "series.values")
    if d2(v, [1, 2.5, -3]) > 1e-18 { add(wrong) }
    if read_json("data/info.json", key: "title") != "T" { add(wrong) }
    add(polyline([[0, ys[0]], [1, ys[1]], [2, ys[2]]]))"#)
    .unwrap();
    for (body, want) in [
        (
            r#"let s = read_csv("../secret.txt")"#,
            "must be in the scene's folder",
        ),
        (
            r#"let s = read_csv("/etc/passwd")"#,
            "must be in the scene's folder",
        ),
        (
            r#"let s = read_csv("link.csv")"#,
            "outside the scene's folder",
        ),
        (
            r#"let s = read_json("bad.json")"#,
            "is not valid JSON at line 1, column 13",
        ),
        (
            r#"let s = read_csv("data/points.csv", column: "z")"#,
            "its columns: x, y, name",
        ),
        (
            r#"let s = read_json("data/info.json")"#,
            "pick a field with `key:`",
        ),
        (
            r#"let s = read_csv("missing.csv")"#,
            "cannot read data file 'missing.csv'",
        ),
    ] {
        let e = run(body)
            .err()
            .unwrap_or_else(|| panic!("{body} should fail"));
        assert!(e.contains(want), "{body}: {e}");
        assert!(!e.contains("TOP-SECRET"), "{e}");
    }
}

#[test]
fn boolean_operations_on_outlines() {
    let o = at(
        r#"scene S {
    let a = square(side: 2)
    let b = square(side: 2).shift(RIGHT)
    add(intersection(a, b, color: GREEN, fill_opacity: 0.5), union(a, b), difference(a, b), exclusion(a, b))
}"#,
        0.0,
    );
    let (lo, hi) = o[0].bounds().unwrap();
    assert!(close(lo.x, 0.0, 1e-6) && close(hi.x, 1.0, 1e-6) && close(hi.y, 1.0, 1e-6));
    assert_eq!(o[0].style.fill_opacity, 0.5);
    assert!(close(o[1].width(), 3.0, 1e-6));
    let (lo, hi) = o[2].bounds().unwrap();
    assert!(close(lo.x, -1.0, 1e-6) && close(hi.x, 0.0, 1e-6));
    assert_eq!(o[3].path.subpaths.len(), 2);
}

#[test]
fn svg_files_become_objects_with_a_part_per_path() {
    let dir = common::tmpdir("svg");
    std::fs::copy(
        common::root().join("tests/data/valley_logo.svg"),
        dir.join("logo.svg"),
    )
    .unwrap();
    std::fs::write(
        dir.join("text.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="10">hi</text></svg>"#,
    )
    .unwrap();
    let f = dir.join("s.scene");
    let run = |body: &str| {
        std::fs::write(&f, format!("scene S {{\n{body}\n}}\n")).unwrap();
        valley::lang::Program::load(&f)
            .and_then(|p| p.compile(None))
            .map_err(|d| d.to_string())
    };
    let tl = run(r#"let s = svg("logo.svg", height: 3)
    s[1].set_color(GREEN)
    add(s)
    play(draw_border_then_fill(s))"#)
    .unwrap();
    let o = tl.state_at(2.0).unwrap().objects[0].children.clone();
    // Three paths, in document order; 3 tall and 115/60 as wide (the outlines, 0 to 115).
    assert_eq!(o.len(), 3);
    let all = Mobject::group(o.clone());
    assert!(
        close(all.height(), 3.0, 1e-3) && close(all.width(), 5.75, 1e-3),
        "{} {}",
        all.height(),
        all.width()
    );
    assert_eq!(o[0].style.fill.to_hex(), "#58C4DD");
    assert_eq!(o[1].style.stroke.to_hex(), "#83C167");
    assert_eq!(o[2].style.fill_opacity, 0.5);
    let e = run(r#"let s = svg("text.svg")"#).err().unwrap();
    assert!(e.contains("text inside SVG files is not supported"), "{e}");
    let e = run(r#"let s = svg("../logo.svg")"#).err().unwrap();
    assert!(e.contains("scene's folder"), "{e}");
}

#[test]
fn elongated_ticks_are_twice_as_long() {
    let o = at(
        r#"scene S {
    let ax = axes(x_range: [-4, 4], y_range: [-2, 2], tips: false).elongate_ticks([-2, 0, 2], [1])
    add(ax)
}"#,
        0.0,
    );
    let heights: Vec<f64> = o[0].children[0].children[1..]
        .iter()
        .map(|t| t.height())
        .collect();
    // Ticks at −4, −3, −2, −1, 1, 2, 3, 4: those at ±2 are 0.4 tall, the others 0.2.
    assert_eq!(heights.len(), 8);
    assert!(
        close(heights[2], 0.4, 1e-9) && close(heights[5], 0.4, 1e-9),
        "{heights:?}"
    );
    assert!(close(heights[0], 0.2, 1e-9));
    assert!(close(o[0].children[1].children[3].width(), 0.4, 1e-9));
    let e = err("scene S { add(axes().elongate_ticks([0.5])) }");
    assert!(e.contains("no tick at 0.5"), "{e}");
}

/// Every entry of the table, called once with its arguments: nothing panics, every object
/// renders.
#[test]
fn every_entry_runs() {
    let src = r#"
fn f(x) = x^2 / 4
fn warp(p) = [p.x + 0.1 * sin(p.y), p.y]
fn swirl(p) = [-p.y, p.x]
scene S {
    let ax = axes(x_range: [-3, 3], y_range: [-1, 3])
    let g = ax.plot(f)
    let a = arrow(LEFT, RIGHT)
    let s = square().save_state()
    let shapes = group(triangle(), regular_polygon(5), star(7, inner_radius: 0.3), ellipse(),
        annulus(), annular_sector(angle: PI), sector(), angle(line(ORIGIN, RIGHT), line(ORIGIN, UP), other_angle: true, quadrant: [1, -1]),
        right_angle(line(ORIGIN, RIGHT), line(ORIGIN, UP)), rounded_rectangle(), dashed_line(LEFT, RIGHT),
        dashed(circle(), num_dashes: 20), curved_arrow(LEFT, RIGHT, angle: -PI / 3), curved_double_arrow(LEFT, RIGHT),
        double_arrow(LEFT, RIGHT), vector(UP), cross_out(square()), polygon_from([[0, 0], [1, 0], [0, 1]]),
        polyline([[0, 0], [1, 1]]), union(circle(), square()), intersection(circle(), square()),
        difference(circle(), square()), exclusion(circle(), square()))
    shapes.arrange_in_grid(cols: 6, buff: 0.1).scale_to_fit_width(13)
    shapes.scale_to_fit_height(7).stretch_to_fit_width(13).stretch_to_fit_height(7).set_height(6).set_width(12)
    s.stretch(2, 1, about_point: ORIGIN).scale_xy(1, 0.5).flip(RIGHT).set_z(1)
    let q = dot([s.get_x(), s.get_y() + s.get_z()])
    let b = brace(s, UP)
    let notes = group(b, b.get_tex("a", "b", font_size: 30), b.get_text("x", color: RED, buff: 0.1),
        brace_between_points(LEFT, RIGHT, DOWN), surrounding_rectangle(s, q, corner_radius: 0.1),
        background_rectangle(s), underline(s))
    let nums = group(decimal_number(-1234.5678, num_decimal_places: 3, include_sign: true, unit: "m"),
        integer(41.6), variable(2, "x", group_with_commas: false), matrix([[1.5, "x"], [ax, 0]], h_buff: 1),
        table([["a", 1]], row_labels: ["r"], col_labels: ["c", "d"]))
    let annot = group(ax.get_horizontal_line(ax.c2p(1, 1)), ax.get_vertical_line(ax.c2p(-1, 1)), ax.get_lines_to_point(ax.c2p(2, 1), dashed: false),
        ax.get_area(g), ax.get_riemann_rectangles(g, input_sample_type: "center", color: [RED, GREEN, BLUE]),
        ax.plot_line_graph([0, 1], [0, 1], add_vertex_dots: false), ax.get_graph_label(g, dot: true),
        dot(ax.input_to_graph_point(1, g)), dot(ax.i2gp(0, g)), number_line(length: 6, include_tip: true), bar_chart([-1, 2], y_range: [-2, 3]))
    ax.add_coordinates(num_decimal_places: 1).elongate_ticks([1], [2], longer_tick_multiple: 3)
    let data = group([dot([uniform(-1, 1, seed: i), normal(seed: i)]) for i in 0..3])
    let k = choice(5, seed: 2) + polyval(polyfit([0, 1, 2], [1, 2, 4], 2), 3) + sum(linspace(0, 1)) + std([1, 2, 3], ddof: 1) + mean(sort([3, 1])) + argsort([2, 1])[0]
    let pinned = text("F").to_corner(UL)
    add_fixed_in_frame_mobjects(pinned, decimal_number(1).fix_in_frame().to_corner(UR))
    remove_fixed_in_frame_mobjects(pinned)
    add(number_plane(x_range: [-2, 2, 0.5], faded_line_ratio: 2))
    add(ax, g, shapes, s, q, notes, nums, annot, data, text(fmt(k, 2)))
    play(grow_from_center(shapes), grow_from_point(s, ORIGIN), spiral_in(nums), grow_from_edge(q, DOWN), grow_arrow(a), spin_in_from_nothing(b, angle: PI))
    play(draw_border_then_fill(s, stroke_color: RED), indicate(q, scale_factor: 2), flash(ORIGIN, num_lines: 5))
    play(circumscribe(s, shape: "circle"), wiggle(q), focus_on(q), show_passing_flash(a.copy()), apply_wave(s, ripples: 3))
    play(rotate(s, about_point: ORIGIN), restore(s), fade_transform(q, dot(UP)))
    play(s.animate.set_width(1).arrange(UP).flip())
    play(apply_pointwise_function(warp, q), s.animate.prepare_for_nonlinear_transform(4).apply_function(warp))
    let sl = stream_lines(swirl, x_range: [-1, 1], y_range: [-1, 1], virtual_time: 1)
    add(code(["fn main() {}"], language: "rust"), arrow_vector_field(swirl, x_range: [-1, 1]), sl.flow(time()))
    play(create_stream_lines(sl))
    let tgt = q.generate_target()
    play(apply_matrix([[1, 0.5], [0, 1]], s), move_to_target(q, tgt.shift(UP)))
    let e1 = tex("x", "+", "y")
    add(e1)
    play(transform_matching_tex(e1, tex("y", "+", "x")), transform_matching_shapes(text("ab"), text("ba")))
    add(image_from([[0, 255]]), square().set_joint_type("bevel"))
    let zz = zoomed_scene(zoom_factor: 0.3)
    add(zz)
    play(zoomed_display_pop_out(zz))
    ax.get_x_axis().get_tick_marks().set_color(RED)
    ax.get_y_axis().get_numbers().set_color(BLUE)
    wait()
}"#;
    // The core entries (values, timeline, basic objects, placement, 3D, calculus).
    let core = r#"
fn h(x, y) = x^2 + y^2 / 2
fn sq(x) = (x - 1)^2
fn ball(u, v) = [cos(u) * cos(v), sin(u) * cos(v), sin(v)]
scene C {
    background(BLACK)
    limits(duration: 100)
    section("one")
    let t = tracker(1)
    let v = vec(1, 2) + [len([1, 2]), argmin([3, 1]) + argmax([1, 3])]
    let words = fmt(1.5, 1) + str(concat([1], range(2), range(0, 4, 2)))
    let col = interpolate_color(RED, BLUE, 0.5)
    let ax = axes(x_range: [-3, 3], y_range: [-2, 2])
    let p = ax.c2p(1, 1) + ax.coords_to_point([0, 1])
    let objs = group(dot(p, color: col), circle(), arc(angle: PI), line(LEFT, RIGHT), arrow(LEFT, RIGHT),
        polygon([0, 0], [1, 0], [0, 1]), rectangle(), square(), text(words), tex("x", "^2"), tex_text("a"),
        parametric(sq, sq, t_range: [0, 1]), ax.plot(sq), ax.axis_labels(),
        ax.contour(h, x_range: [-1, 1], y_range: [-1, 1], levels: 3, resolution: 20),
        curve([[0, 0], [1, 1], [2, 0]]))
    let s = square().shift(UP).move_to(ORIGIN).next_to(objs[0], UP).align_to(ORIGIN, LEFT).to_edge(UP).to_corner(DL)
    s.set_x(1).set_y(1).scale(0.5).rotate(0.1).set_color(RED).set_fill(BLUE, 0.5).set_stroke(WHITE, 2).set_opacity(0.9)
    s.set_z_index(1).set_color_by_gradient(RED, BLUE)
    let k = s.copy().get_center() + s.get_top() + s.get_bottom() + s.get_left() + s.get_right() + s.get_corner(UL)
    let w = s.get_start() + s.get_end() + [s.get_x() + s.get_y() + s.get_z() + s.get_width() + s.width() + s.get_height() + s.height(), 0]
    let q = dot(s.point_from_proportion(0.5) + ax.p2c(ORIGIN) + k * 0 + w * 0)
    let d = derivative(sq)(1) + gradient(h, [1, 1])[0] + directional_derivative(h, [1, 1], RIGHT) + minimize(sq, 0, 2)
    let n = norm(steepest_descent(h, [1, 1]) + tangent_direction(h, [1, 1], 0.5)) + dot_product(UP, RIGHT) + norm(cross(UP, RIGHT)) + norm(normalize(UP))
    let path = optimize(h, start: [1, 1], method: "adam", steps: 3)
    let r = rotating(dot(RIGHT), rate: 1)
    let tr = traced_path(r.get_center(), dissipating_time: 1)
    let follower = always_redraw(dot().next_to(q, UP))
    add(objs, s, q, r, tr, follower, dot([d + n + len(path) + time() * 0, 0]))
    play(create(s), write(objs[10]), fade_in(q, shift: UP), t.to(2))
    play(uncreate(s), unwrite(objs[10]), fade_out(q, scale: 2), transform(objs[1], objs[2]), replace(objs[3], objs[4]))
    play(move_along(objs[0], objs[1]), lagged(create(objs[5]), create(objs[6]), lag: 0.2), succession(create(objs[7]), wait(0.5)))
    play(t.set_value(t.get_value() + 1), camera.animate.set_width(16).set_height(9).scale(1.1).move_to(UP).shift(DOWN))
    camera.follow(q)
    wait(0.5)
    camera.unfollow()
    remove(objs)
    let ax3 = axes3d()
    ax3.get_z_axis().set_color(RED)
    add(ax3, ax3.axis_labels(), ax3.plot_surface(h, resolution: 4), surface(ball, resolution: 4), sphere(radius: 0.5, resolution: 4),
        rolling_ball([[0, 0], [1, 0]], [OUT, OUT], 0.5, resolution: 4))
    set_camera_orientation(phi: 1, theta: 0.5)
    set_light([0, 0, 5])
    begin_ambient_camera_rotation(0.1)
    wait(0.5)
    stop_ambient_camera_rotation()
    begin_3dillusion_camera_rotation(rate: 1)
    play(move_camera(phi: 0.5))
    stop_3dillusion_camera_rotation()
    wait(0.5)
}"#;
    // The scenes above call every entry of the reference table (those reading files have
    // their own tests).
    for line in valley::lang::reference_markdown().lines() {
        if let Some(rest) = line.strip_prefix("| `") {
            // `.shift(`, `t.to(`, `camera.move_to(`: the name after the receiver.
            let call = rest.split('(').next().unwrap();
            let name = call.rsplit('.').next().unwrap();
            if ["svg", "read_csv", "read_json", "image"].contains(&name) {
                continue;
            }
            assert!(
                src.contains(&format!("{name}(")) || core.contains(&format!("{name}(")),
                "`{name}` is not exercised"
            );
        }
    }
    for src in [src, core] {
        let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
        for i in 0..=20 {
            let t = tl.duration() * i as f64 / 20.0;
            valley::pipeline::render_at(&tl, t, 160, 90).unwrap();
        }
    }
}

#[test]
fn a_rotation_there_and_back_ends_where_it_started() {
    let tl = compile_src(
        r#"scene S {
    let s = square().shift(RIGHT)
    add(s)
    play(rotate(s, PI / 2, about_point: ORIGIN), rate_func: there_and_back)
    play(rotate(s, PI / 2, about_point: ORIGIN, rate_func: there_and_back))
    wait()
}"#,
    )
    .unwrap();
    let c = |t: f64| tl.state_at(t).unwrap().objects[0].center();
    assert!((c(0.5) - valley::geom::Vec3::xy(0.0, 1.0)).length() < 1e-6);
    assert!(
        (c(2.5) - valley::geom::Vec3::xy(1.0, 0.0)).length() < 1e-6,
        "{:?}",
        c(2.5)
    );
    assert!((c(1.0) - valley::geom::Vec3::xy(1.0, 0.0)).length() < 1e-6);
}

#[test]
fn warps_move_every_point_through_a_function() {
    let src = r#"
fn warp(p) = [exp(p.x) * cos(p.y), exp(p.x) * sin(p.y)]
fn shear(p) = [p.x + p.y, p.y]
fn parabola(p) = [p.x, p.x^2]
scene S {
    let s = square()
    play(apply_pointwise_function(warp, s))
    let l = line(LEFT, RIGHT).prepare_for_nonlinear_transform()
    l.apply_function(parabola)
    let r = square().apply_function(shear)
    add(l, r)
    wait()
}"#;
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    // 3 s, Manim's DEFAULT_POINTWISE_FUNCTION_RUN_TIME.
    assert!(close(tl.segments[0].duration, 3.0, 1e-9));
    let o = tl.state_at(3.0).unwrap().objects;
    // Every point moves, handles as in Manim's VMobject.apply_function: pulled to 1/100 of
    // their distance from their anchor, moved, pushed back. The right edge's first handle
    // (1, 1/3), two thirds below its anchor (1, 1), leaves e·(cos 1, sin 1) along the image's
    // tangent: it is the rightmost control point of the result.
    let img = |y: f64| std::f64::consts::E * y.cos();
    let handle = img(1.0) + (img(1.0 - 0.01 * 2.0 / 3.0) - img(1.0)) * 100.0;
    let (_, hi) = o[0].bounds().unwrap();
    assert!(close(hi.x, handle, 1e-9), "{hi:?} {handle}");
    // So the edge's image bulges to about 2.61 in the middle, near the true arc's e (a cubic
    // through the images of the handles reached only 2.29).
    let right = (0..=400)
        .map(|i| o[0].path.point_at_proportion(i as f64 / 400.0).unwrap().x)
        .fold(f64::MIN, f64::max);
    assert!(right > 2.55 && right < 2.72, "{right}");
    // A split line bends into the parabola y = x²: its middle stays at 0, its ends at 1.
    let (lo, hi) = o[1].bounds().unwrap();
    assert!(
        close(lo.y, 0.0, 1e-3) && close(hi.y, 1.0, 1e-6),
        "{lo:?} {hi:?}"
    );
    assert_eq!(o[1].path.num_segments(), 51);
    assert!(close(o[2].width(), 4.0, 1e-9));
}

#[test]
fn code_listings_follow_manims_code() {
    let o = at(
        r#"scene S {
    add(code(["def f(x):", "    return x + 1  # one more", "s = \"hi\""], language: "python"))
}"#,
        0.0,
    );
    let c = &o[0];
    // Manim's Code: [background, line_numbers, code_lines].
    assert_eq!(c.children.len(), 3);
    let (bg, nums, lines) = (&c.children[0], &c.children[1], &c.children[2]);
    assert_eq!(lines.children.len(), 3);
    assert_eq!(nums.children.len(), 3);
    // One part per visible character: "def f(x):" has 8.
    assert_eq!(lines.children[0].children.len(), 8);
    // Pygments' vim colours: `def` yellow, the comment cyan, the string red, `+` an operator.
    let col = |l: usize, k: usize| lines.children[l].children[k].style.fill.to_hex();
    assert_eq!(col(0, 0), "#CDCD00");
    assert_eq!(col(1, 0), "#CDCD00"); // `return` (spaces have no part)
    assert_eq!(col(1, 7), "#3399CC"); // `+`
    assert_eq!(col(1, 9), "#00CDCD"); // `#`
    assert_eq!(col(2, 2), "#CD0000"); // `"`
                                      // Background: #222222, opaque, white stroke 1, 0.3 beyond the text on every side.
    assert_eq!(bg.style.fill.to_hex(), "#222222");
    assert_eq!(bg.style.fill_opacity, 1.0);
    assert_eq!(bg.style.stroke_width, 1.0);
    let text = Mobject::group(vec![nums.clone(), lines.clone()]);
    assert!(
        close(bg.width(), text.width() + 0.6, 1e-6),
        "{} {}",
        bg.width(),
        text.width()
    );
    assert!(close(bg.height(), text.height() + 0.6, 1e-6));
    // Centred; lines 1.5 font sizes apart (font size 24: 0.375 units).
    assert!(c.center().length() < 1e-9);
    let base = |l: usize| lines.children[l].children[0].bounds().unwrap().0.y;
    // `r` (line 2) and `s` (line 3) both sit on the baseline.
    assert!(
        close(base(1) - base(2), 0.375, 0.01),
        "{}",
        base(1) - base(2)
    );
    // Numbers: right-aligned, 0.25 left of the code.
    let code_left = lines.bounds().unwrap().0.x;
    let num_right = nums.children[0].bounds().unwrap().1.x;
    assert!(
        close(code_left - num_right, 0.25, 0.05),
        "{}",
        code_left - num_right
    );
    // Monospace, indentation kept: the `x` of line 2 (column 11) is five advances (0.6 em at
    // Text's em, 1/3 unit at font size 24) right of the `x` of line 1 (column 6): Manim CE
    // 0.19 measures 1.0 and a 0.2 advance.
    let x0 = lines.children[0].children[5].bounds().unwrap().0.x;
    let x1 = lines.children[1].children[6].bounds().unwrap().0.x;
    assert!(close(x1 - x0, 5.0 * 0.6021 / 3.0, 0.002), "{}", x1 - x0);
}

#[test]
fn code_windows_have_manims_buttons() {
    let o = at(
        r#"scene S {
    add(code(["x = 1"], language: "python", background: "window"), code(["x = 1"], language: "python", background: "none", add_line_numbers: false))
}"#,
        0.0,
    );
    let bg = &o[0].children[0];
    assert_eq!(bg.children.len(), 4);
    let cols: Vec<String> = bg.children[1..]
        .iter()
        .map(|d| d.style.fill.to_hex())
        .collect();
    assert_eq!(cols, ["#FF5F56", "#FFBD2E", "#27C93F"]);
    // Buttons 0.3 apart, radius 0.1; the frame's top 0.3 above the text plus the buff 0.3.
    let c0 = bg.children[1].center();
    assert!(close(bg.children[2].center().x - c0.x, 0.3, 1e-9));
    assert!(close(bg.children[1].width(), 0.2, 1e-6));
    let text_top = Mobject::group(o[0].children[1..].to_vec())
        .bounds()
        .unwrap()
        .1
        .y;
    let rect_top = bg.children[0].bounds().unwrap().1.y;
    assert!(
        close(rect_top - text_top, 0.6, 1e-6),
        "{}",
        rect_top - text_top
    );
    // No background, no numbers: empty parts, the indices stay.
    assert_eq!(o[1].children.len(), 3);
    assert!(o[1].children[0].bounds().is_none() && o[1].children[1].bounds().is_none());
}

#[test]
fn code_mistakes_are_reported() {
    let e = err("scene S {\n    add(code([\"x\"], language: \"pythn\"))\n}");
    assert!(e.contains("no grammar") && e.contains("python"), "{e}");
    let e = err("scene S {\n    add(code([\"x\"]))\n}");
    assert!(e.contains("language"), "{e}");
    let e = err(
        "scene S {\n    add(code([\"x\"], language: \"rust\", formatter_style: \"monokai\"))\n}",
    );
    assert!(e.contains("monokai"), "{e}");
}

#[test]
fn vector_fields_follow_manims_defaults() {
    let src = r#"fn f(p) = [1, 0]
scene S {
    add(arrow_vector_field(f))
}"#;
    let o = at(src, 0.0);
    // x from -8 to 8, y from -4 to 4, every 0.5: 33 × 17 arrows.
    assert_eq!(o[0].children.len(), 33 * 17);
    let a = &o[0].children[0];
    let (lo, hi) = a.bounds().unwrap();
    // Starts at (-8, -4); 0.45 · sigmoid(1) long.
    let len = 0.45 / (1.0 + (-1f64).exp());
    assert!(
        close(lo.x, -8.0, 1e-6) && close(hi.x, -8.0 + len, 1e-6),
        "{lo:?} {hi:?}"
    );
    // |f| = 1 on [0, 2] over BLUE_E, GREEN, YELLOW, RED: halfway from GREEN to YELLOW.
    let want = valley::scene::Color::named("GREEN")
        .unwrap()
        .lerp(valley::scene::Color::named("YELLOW").unwrap(), 0.5);
    assert_eq!(a.children[0].style.stroke.to_hex(), want.to_hex());
    // Manim's Vector: stroke at most 5 × its length.
    assert!(close(a.children[0].style.stroke_width, 5.0 * len, 1e-6));
}

#[test]
fn stream_lines_trace_and_flow_as_a_function_of_time() {
    let src = r#"fn f(p) = [1, 0]
scene S {
    let s = stream_lines(f, x_range: [-1, 1], y_range: [0, 0])
    let m = s.flow(time(), warm_up: false)
    add(m)
    wait(3)
    play(create_stream_lines(s))
}"#;
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    // 5 lines (x = -1 … 1 every 0.5); create: 3 s each, lag 3/2/5 of 3 s between starts.
    let lag = 3.0 / 2.0 / 5.0 * 3.0;
    assert!(
        close(tl.duration(), 3.0 + 3.0 + 4.0 * lag, 1e-6),
        "{}",
        tl.duration()
    );
    // Each line runs (⌈3 / 0.05⌉ + 1) steps of 0.05 to the right.
    let full = tl.state_at(tl.duration()).unwrap().objects;
    let line = full.last().unwrap().leaves()[0].clone();
    assert!(close(line.width(), 61.0 * 0.05, 1e-6), "{}", line.width());
    // While flowing, each line shows at most 0.3 of itself; a frame depends on its time only.
    let shown = |t: f64| -> Vec<f64> {
        tl.state_at(t).unwrap().objects[0]
            .leaves()
            .iter()
            .map(|l| l.width())
            .collect()
    };
    let w = shown(1.3);
    assert!(w.iter().all(|x| *x <= 0.3 * 3.05 + 1e-6), "{w:?}");
    assert!(w.iter().any(|x| *x > 0.01), "{w:?}");
    assert_eq!(shown(1.3), w);
    assert_ne!(shown(2.1), w);
}

#[test]
fn apply_matrix_and_move_to_target() {
    let src = r#"scene S {
    let s = square(side: 2)
    add(s)
    play(apply_matrix([[1, 1], [0, 1]], s))
    let t = s.generate_target()
    t.shift(3 * LEFT).set_color(RED)
    play(move_to_target(s, t))
}"#;
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    // ApplyMatrix lasts 3 s (Manim's pointwise run time), MoveToTarget 1 s.
    assert!(close(tl.duration(), 4.0, 1e-9), "{}", tl.duration());
    let o = |t: f64| tl.state_at(t).unwrap().objects;
    // The shear moves the top edge by +1 and the bottom by −1: width 2 → 4; halfway 3.
    assert!(close(o(1.5)[0].width(), 3.0, 1e-6), "{}", o(1.5)[0].width());
    assert!(close(o(3.0)[0].width(), 4.0, 1e-6));
    assert!(close(o(3.0)[0].height(), 2.0, 1e-6));
    // The target stays off screen; the square ends where it is, red.
    let end = o(4.0);
    assert_eq!(end.len(), 1);
    assert!(close(end[0].center().x, -3.0, 1e-6) && close(end[0].width(), 4.0, 1e-6));
    assert_eq!(end[0].style.stroke.to_hex(), "#FC6255");
}

#[test]
fn matching_transforms_move_equal_pieces_and_fade_the_rest() {
    let src = r#"scene S {
    let a = tex("a^2", "+", "b^2", "=", "c^2")
    let b = tex("c^2", "-", "b^2", "=", "a^2").shift(2 * DOWN)
    add(a)
    play(transform_matching_tex(a, b))
    wait()
}"#;
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(tl.duration(), 2.0, 1e-9));
    let want = {
        let t2 = compile_src(
            r#"scene S {
    add(tex("c^2", "-", "b^2", "=", "a^2").shift(2 * DOWN))
}"#,
        )
        .unwrap();
        t2.state_at(0.0).unwrap().objects[0].bounds().unwrap()
    };
    // Afterwards only the target is on screen, where it was put.
    let end = tl.state_at(1.5).unwrap().objects;
    assert_eq!(
        end.len(),
        1,
        "{:?}",
        end.iter()
            .map(|m| (m.center(), m.width(), m.children.len()))
            .collect::<Vec<_>>()
    );
    let got = end[0].bounds().unwrap();
    assert!((got.0 - want.0).length() < 1e-6 && (got.1 - want.1).length() < 1e-6);
    // Halfway, the `a^2` that moved from the left end to the right end is in between.
    let mid = tl.state_at(0.5).unwrap().objects;
    let src_mid = mid
        .iter()
        .find(|m| m.children.len() == 5)
        .expect("the source");
    let a2 = src_mid.children[0].center();
    assert!(close(a2.y, -1.0, 0.05) && close(a2.x, 0.0, 0.2), "{a2:?}");
    // Shapes: the letters of "ab" find theirs in "ba"; "c" fades out, "d" fades in.
    let tl = compile_src(
        r#"scene S {
    let a = text("abc")
    add(a)
    play(transform_matching_shapes(a, text("bad").shift(UP)))
    wait()
}"#,
    )
    .unwrap();
    let mid = tl.state_at(0.5).unwrap().objects;
    let ops: Vec<f32> = mid
        .iter()
        .flat_map(|m| m.leaves().into_iter().map(|l| l.style.fill_opacity))
        .collect();
    assert!(ops.iter().filter(|o| **o > 0.99).count() >= 2, "{ops:?}");
    assert!(ops.iter().filter(|o| **o < 0.9).count() == 2, "{ops:?}");
    assert_eq!(tl.state_at(1.5).unwrap().objects.len(), 1);
}

#[test]
fn images_from_arrays_and_pixel_functions() {
    let o = at(
        r#"fn px(x, y) = [x * 16, 0, y * 32]
scene S {
    add(image_from([[0, 128.7], [255, [255, 0, 0, 128]]]), image_from(px, 16, 8).shift(3 * RIGHT))
}"#,
        0.0,
    );
    let p = o[0].picture.as_ref().unwrap();
    assert_eq!((p.width, p.height), (2, 2));
    // Grey levels as uint8 (128.7 → 128); [r, g, b, a] premultiplied.
    assert_eq!(&p.pixels[0..8], &[0, 0, 0, 255, 128, 128, 128, 255]);
    assert_eq!(&p.pixels[12..16], &[128, 0, 0, 128]);
    // Manim's scale_to_resolution: 2 pixels tall at 1080 → 2/1080 of the 8-unit frame.
    assert!(close(o[0].height(), 2.0 / 1080.0 * 8.0, 1e-12));
    let q = o[1].picture.as_ref().unwrap();
    assert_eq!((q.width, q.height), (16, 8));
    // Pixel (x 15, y 7): column 15, row 7 from the top.
    let i = (7 * 16 + 15) * 4;
    assert_eq!(&q.pixels[i..i + 4], &[240, 0, 224, 255]);
    assert!(close(o[1].center().x, 3.0, 1e-9));
    let e = err("scene S {\n    add(image_from([[1, 2], [3]]))\n}");
    assert!(e.contains("row 1"), "{e}");
}

#[test]
fn the_gradient_image_port_matches_manims_sizes() {
    let tl = common::compile_file(
        "scenes/examples/manim/gradient_image_from_array.scene",
        None,
    );
    let o = tl.state_at(0.0).unwrap().objects;
    let p = o[0].picture.as_ref().unwrap();
    assert_eq!((p.width, p.height), (256, 256));
    // Row 0 runs from black to white: i · 256 / 256 = i.
    assert_eq!(&p.pixels[0..4], &[0, 0, 0, 255]);
    assert_eq!(&p.pixels[255 * 4..256 * 4], &[255, 255, 255, 255]);
    // 256 px at 1080 → 1.896 units, scaled by 2; the rectangle 0.1 beyond it, GREEN.
    let side = 256.0 / 1080.0 * 8.0 * 2.0;
    assert!(close(o[0].width(), side, 1e-9) && close(o[0].height(), side, 1e-9));
    assert!(close(o[1].width(), side + 0.2, 1e-6));
    assert_eq!(o[1].style.stroke.to_hex(), "#83C167");
}

#[test]
fn line_joints_change_the_corners() {
    let src = |j: &str| {
        format!(
            "scene S {{\n    add(triangle(stroke_width: 40).set_joint_type(\"{j}\").scale(3))\n}}"
        )
    };
    let lit = |j: &str| -> usize {
        let tl = compile_src(&src(j)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            tl.state_at(0.0).unwrap().objects[0].style.joint,
            valley::scene::Joint::by_name(j).unwrap()
        );
        let pm = valley::pipeline::render_at(&tl, 0.0, 640, 360).unwrap();
        pm.pixels().iter().filter(|p| p.blue() > 100).count()
    };
    // A miter fills the corners out to a point; a bevel cuts them; round lies between.
    let (miter, round, bevel) = (lit("miter"), lit("round"), lit("bevel"));
    assert!(miter > round && round > bevel, "{miter} {round} {bevel}");
    // Manim's Cairo renderer draws the default (`auto`) joint mitred.
    assert_eq!(lit("auto"), miter);
    let e = err("scene S {\n    add(square().set_joint_type(\"sharp\"))\n}");
    assert!(e.contains("sharp") && e.contains("miter"), "{e}");
}

#[test]
fn the_line_joints_port_spans_the_frame() {
    let tl = common::compile_file("scenes/examples/manim/line_joints.scene", None);
    let o = tl.state_at(0.0).unwrap().objects;
    let g = Mobject::group(o.iter().map(|m| (**m).clone()).collect());
    assert!(
        close(g.width(), 8.0 * 16.0 / 9.0 - 1.0, 1e-6),
        "{}",
        g.width()
    );
    use valley::scene::Joint;
    let joints: Vec<Joint> = o
        .iter()
        .flat_map(|m| m.leaves().into_iter().map(|l| l.style.joint))
        .collect();
    assert_eq!(joints, vec![Joint::Auto, Joint::Round, Joint::Bevel]);
    // basic.py's `Triangle.set_default(stroke_width=20)`, kept through `set_width`.
    assert!(o.iter().all(|m| m.style.stroke_width == 20.0));
}

#[test]
fn axis_parts_are_addressable() {
    let src = r#"scene S {
    let ax = axes(x_range: [-3, 3], y_range: [-2, 2]).add_coordinates()
    ax.get_x_axis().set_color(RED)
    ax.get_y_axis().get_tick_marks().set_color(GREEN)
    ax.get_x_axis().get_numbers().shift(0.5 * DOWN)
    ax.get_y_axis().get_numbers()[0].set_color(YELLOW)
    let nl = number_line(x_range: [-2, 2, 1])
    nl.get_tick_marks().set_color(BLUE)
    add(ax, nl)
}"#;
    let o = at(src, 0.0);
    let ax = &o[0];
    let (xa, ya) = (&ax.children[0], &ax.children[1]);
    // The whole x axis is red; the y axis' shaft is not, its ticks are green.
    assert!(xa
        .leaves()
        .iter()
        .all(|l| l.style.stroke.to_hex() == "#FC6255"));
    assert_eq!(ya.children[0].style.stroke.to_hex(), "#FFFFFF");
    let green: Vec<_> = ya
        .children
        .iter()
        .filter(|c| c.children.is_empty() && c.style.stroke.to_hex() == "#83C167")
        .collect();
    // y ticks at -2, -1, 1 (2 is under the tip): 3.
    assert_eq!(green.len(), 3, "{}", ya.children.len());
    // Numbers at the ticks (-3 … 2 but 0; 3 is under the tip), moved down by 0.5: their tops
    // 0.25 + 0.5 below the axis.
    let nums: Vec<&Mobject> = xa
        .children
        .iter()
        .filter(|c| !c.children.is_empty())
        .collect();
    assert_eq!(nums.len(), 5);
    assert!(
        nums.iter().all(|n| n.bounds().unwrap().1.y < -0.7),
        "{:?}",
        nums[0].bounds()
    );
    // Only the first y number is yellow.
    let ynums: Vec<&Mobject> = ya
        .children
        .iter()
        .filter(|c| !c.children.is_empty())
        .collect();
    assert_eq!(ynums[0].leaves()[0].style.fill.to_hex(), "#F7D96F");
    assert_ne!(ynums[1].leaves()[0].style.fill.to_hex(), "#F7D96F");
    // A number line's ticks (-2 … 2, 0 included) are blue.
    let blue = o[1]
        .leaves()
        .iter()
        .filter(|l| l.style.stroke.to_hex() == "#58C4DD")
        .count();
    assert_eq!(blue, 5);
    let e = err("scene S {\n    let ax = axes()\n    ax.get_tick_marks()\n}");
    assert!(e.contains("one axis"), "{e}");
}

#[test]
fn zoomed_insets_follow_manims_zoomed_scene() {
    let src = r#"scene S {
    let z = zoomed_scene()
    add(circle(radius: 0.3, color: RED, fill_opacity: 1), z[0])
    add(z[1])
    play(zoomed_display_pop_out(z))
    wait()
    play(zoomed_display_pop_out(z, reverse: true))
    wait()
}"#;
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(tl.duration(), 4.0, 1e-9));
    let o = tl.state_at(1.5).unwrap().objects;
    // Frame: 3 × 0.15 square at the origin; display: 3 × 3, UR corner 0.5 in from the frame's.
    let (flo, fhi) = o[1].bounds().unwrap();
    assert!(close(fhi.x - flo.x, 0.45, 1e-9) && close(flo.x, -0.225, 1e-9));
    let (dlo, dhi) = o[2].bounds().unwrap();
    let fw = 8.0 * 16.0 / 9.0;
    assert!(
        close(dhi.x, fw / 2.0 - 0.5, 1e-6) && close(dhi.y, 3.5, 1e-6),
        "{dhi:?}"
    );
    assert!(close(dhi.x - dlo.x, 3.0, 1e-6) && close(dhi.y - dlo.y, 3.0, 1e-6));
    assert_eq!(o[2].children[1].style.stroke_width, 3.0);
    // Pop-out: the display starts on the frame's box.
    let start = tl.state_at(0.0).unwrap().objects[2].bounds().unwrap();
    assert!((start.0 - flo).length() < 1e-6 && (start.1 - fhi).length() < 1e-6);
    // Reversed, it ends on the frame again.
    let end = tl.state_at(3.5).unwrap().objects[2].bounds().unwrap();
    assert!((end.0 - flo).length() < 1e-6 && (end.1 - fhi).length() < 1e-6);
    // Drawn: the disc (radius 0.3) fills the display's middle (×6.67: radius 2), clipped at
    // the display's edge, which is black beyond the disc's reach only outside.
    let (w, h) = (1280u32, 720u32);
    let pm = valley::pipeline::render_at(&tl, 1.5, w, h).unwrap();
    let px = |x: f64, y: f64| {
        let s = w as f64 / fw;
        let (i, j) = (
            (x * s + w as f64 / 2.0) as u32,
            (h as f64 / 2.0 - y * s) as u32,
        );
        pm.pixel(i, j).unwrap()
    };
    let c = (dlo + dhi) / 2.0;
    assert!(px(c.x, c.y).red() > 200, "{:?}", px(c.x, c.y));
    assert!(px(c.x + 1.3, c.y).red() > 200); // inside the display, inside the big disc
    assert!(px(c.x - 1.7, c.y).red() < 10); // just outside the display: clipped
    assert!(px(c.x, c.y - 1.7).red() < 10);
}

#[test]
fn axis_parts_have_manims_attribute_forms() {
    // `ax.x_axis`, `ax.y_axis.numbers`, `axis.ticks`, `ax.z_axis` read as the get_ methods.
    let by = |form: &str| {
        let src = format!(
            "scene S {{\n    let ax = axes(x_range: [-3, 3], y_range: [-2, 2]).add_coordinates()\n    {form}\n    add(ax)\n}}"
        );
        at(&src, 0.0)
    };
    let pairs = [
        ("ax.x_axis.set_color(RED)", "ax.get_x_axis().set_color(RED)"),
        (
            "ax.y_axis.numbers[0].set_color(YELLOW)",
            "ax.get_y_axis().get_numbers()[0].set_color(YELLOW)",
        ),
        (
            "ax.x_axis.ticks.shift(DOWN)",
            "ax.get_x_axis().get_tick_marks().shift(DOWN)",
        ),
    ];
    for (attr, call) in pairs {
        let (a, b) = (by(attr), by(call));
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{attr}");
        assert_ne!(
            format!("{a:?}"),
            format!("{:?}", by("")),
            "{attr} changed nothing"
        );
    }
    let o = at(
        "scene S {\n    let ax = axes3d()\n    ax.z_axis.set_color(RED)\n    add(ax)\n}",
        0.0,
    );
    assert!(o[0].children[2]
        .leaves()
        .iter()
        .all(|l| l.style.stroke.to_hex() == "#FC6255"));
    assert_ne!(
        o[0].children[0].leaves()[0].style.stroke.to_hex(),
        "#FC6255"
    );
    let e = err("scene S {\n    let ax = axes()\n    add(ax.z_axis)\n}");
    assert!(e.contains("3D axes"), "{e}");
}

#[test]
fn the_zoomed_display_border_is_manims_whatever_image_frame_stroke_width_says() {
    // Manim CE's ZoomedScene stores `image_frame_stroke_width` and never reads it: the display's
    // border is ImageMobjectFromCamera's, 3 wide. valley draws the same and warns.
    let src =
        |arg: &str| format!("scene S {{\n    let z = zoomed_scene({arg})\n    add(z[0], z[1])\n}}");
    for arg in ["", "image_frame_stroke_width: 20"] {
        let tl = compile_src(&src(arg)).unwrap();
        let o = tl.state_at(0.0).unwrap().objects;
        assert_eq!(o[1].children[1].style.stroke_width, 3.0, "{arg}");
        assert_eq!(o[0].style.stroke_width, 2.0);
        let warned = tl
            .warnings
            .iter()
            .any(|w| w.to_string().contains("image_frame_stroke_width"));
        assert_eq!(warned, !arg.is_empty(), "{arg}");
    }
}

#[test]
fn the_zoomed_camera_sees_its_own_frame_but_not_its_display() {
    // Manim's MultiCamera: the zoomed camera captures every mobject but its own display, so the
    // frame's stroke shows (magnified) along the display's inner edge; the display's border,
    // drawn over the inset, is not magnified into it.
    let src = r#"scene S {
    let z = zoomed_scene()
    z[0].set_color(PURPLE)
    z[1][1].set_color(RED)
    add(z[0], z[1])
}"#;
    let tl = compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    let (dlo, dhi) = tl.state_at(0.0).unwrap().objects[1].bounds().unwrap();
    let (w, h) = (1280u32, 720u32);
    let fw = 8.0 * 16.0 / 9.0;
    let pm = valley::pipeline::render_at(&tl, 0.0, w, h).unwrap();
    let px = |x: f64, y: f64| {
        let s = w as f64 / fw;
        let (i, j) = (
            (x * s + w as f64 / 2.0) as u32,
            (h as f64 / 2.0 - y * s) as u32,
        );
        pm.pixel(i, j).unwrap()
    };
    let c = (dlo + dhi) / 2.0;
    // The frame's 3-wide stroke times 3/0.45: its inner half is 0.1 units wide on the display.
    let edge = px(dlo.x + 0.06, c.y);
    assert!(
        [edge.red(), edge.green(), edge.blue()]
            .iter()
            .zip([0x9a, 0x72, 0xac])
            .all(|(&a, b)| (a as i32 - b).abs() < 24),
        "PURPLE (#9A72AC) frame along the display's edge: {edge:?}"
    );
    // The middle of the display shows the (empty) scene, not a magnified red border.
    let mid = px(c.x, c.y);
    assert!(mid.red() < 10 && mid.blue() < 10, "{mid:?}");
}
