//! Accounts for the CLI and the server: adding users with argon2-hashed
//! passwords, checking a password, and the demo's first admin.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use truce_store::{Store, StoreError, UserRole};

/// Why a user could not be added.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("invalid user name {0:?}: 1 to 64 characters, no spaces at either end, no control characters")]
    InvalidName(String),
    #[error("the password must be 8 to 1024 characters long")]
    InvalidPassword,
    #[error("hashing the password: {0}")]
    Hash(String),
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The name the demo's first admin gets.
pub const DEMO_ADMIN: &str = "admin";

/// Adds user `name` with `role` and returns the password: `password` when
/// given, else a new random one (to be shown once; only its hash is stored).
/// A name already taken is `UserError::Store(StoreError::Conflict(_))`.
pub fn add_user<S: Store + ?Sized>(
    store: &mut S,
    name: &str,
    role: UserRole,
    password: Option<&str>,
) -> Result<String, UserError> {
    check_name(name)?;
    let password = match password {
        Some(p) => {
            if !(8..=1024).contains(&p.chars().count()) {
                return Err(UserError::InvalidPassword);
            }
            p.to_owned()
        }
        None => generate_password()?,
    };
    let hash = hash_password(&password)?;
    store.add_user(name, role, &hash)?;
    Ok(password)
}

/// For the demo: when the store has no admin yet, adds [`DEMO_ADMIN`] with a
/// random password and returns it (print it once); otherwise `None`.
pub fn ensure_admin<S: Store + ?Sized>(store: &mut S) -> Result<Option<String>, UserError> {
    if store.users()?.iter().any(|u| u.role == UserRole::Admin) {
        return Ok(None);
    }
    add_user(store, DEMO_ADMIN, UserRole::Admin, None).map(Some)
}

pub(crate) fn check_name(name: &str) -> Result<(), UserError> {
    let ok = (1..=64).contains(&name.chars().count()) && name.trim() == name && !name.chars().any(char::is_control);
    if ok { Ok(()) } else { Err(UserError::InvalidName(name.to_owned())) }
}

/// An argon2id PHC string for `password`, with a random salt.
pub fn hash_password(password: &str) -> Result<String, UserError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| UserError::Hash(e.to_string()))
}

/// Whether `password` matches the PHC string `hash`; a malformed hash never does.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// 20 characters from an alphabet without look-alikes (about 113 bits).
pub fn generate_password() -> Result<String, UserError> {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut out = String::with_capacity(20);
    while out.len() < 20 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| UserError::Random(e.to_string()))?;
        // Rejection sampling: no bias towards the first letters.
        let limit = 256 - 256 % ALPHABET.len();
        for b in bytes {
            if (b as usize) < limit && out.len() < 20 {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

/// `n` random bytes as lower-case hex: session and CSRF tokens.
pub(crate) fn random_hex(n: usize) -> Result<String, UserError> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| UserError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
