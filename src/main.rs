fn main() {
    std::process::exit(valley::cli::main());
}
