fn main() {
    println!("quotelint");
}
