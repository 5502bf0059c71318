use std::io;

// ANCHOR: main
fn main() {
    println!("hello");
}
// ANCHOR_END: main
