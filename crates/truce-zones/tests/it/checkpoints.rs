//! Checkpoint opening dates from the gazetteer.

use truce_zones::checkpoint_active;

use crate::{d, gaz};

#[test]
fn lachin_checkpoint_opened_on_23_april_2023() {
    let g = gaz();
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("2023-04-22")),
        Some(false)
    );
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("2023-04-23")),
        Some(true)
    );
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("2024-01-01")),
        Some(true)
    );
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("2023-05")),
        Some(true)
    );
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("2022")),
        Some(false)
    );
}

#[test]
fn unknown_when_the_date_straddles_or_the_place_is_no_checkpoint() {
    let g = gaz();
    // April 2023 holds days before and after the opening.
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("2023-04")),
        None
    );
    assert_eq!(
        checkpoint_active(g, "lachin-checkpoint", d("--04-23")),
        None
    );
    assert_eq!(checkpoint_active(g, "lachin", d("2023-04-23")), None);
    assert_eq!(checkpoint_active(g, "no-such-place", d("2023-04-23")), None);
}
