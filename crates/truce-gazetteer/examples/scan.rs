//! Prints the place mentions the built-in gazetteer finds in text files:
//! `cargo run -p truce-gazetteer --example scan -- FILE...` (stdin without
//! files). One line a mention: file, byte span, place id, canonical name,
//! surface.

use std::io::Read;

use truce_gazetteer::Gazetteer;

fn main() -> std::io::Result<()> {
    let g = Gazetteer::builtin();
    let files: Vec<String> = std::env::args().skip(1).collect();
    let inputs: Vec<(String, String)> = if files.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        vec![("-".into(), s)]
    } else {
        files
            .into_iter()
            .map(|f| std::fs::read_to_string(&f).map(|t| (f, t)))
            .collect::<Result<_, _>>()?
    };
    for (file, text) in &inputs {
        for m in g.find_in(text) {
            let name = g.get(&m.place_id).map_or("?", |p| p.name.as_str());
            println!(
                "{file}\t{}..{}\t{}\t{}\t{}",
                m.start, m.end, m.place_id, name, m.surface
            );
        }
    }
    Ok(())
}
