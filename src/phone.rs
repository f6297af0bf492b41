//! TEMPORARY stub, replaced by the real module from the `hours` branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    digits: String,
}
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PhoneError(pub String);
pub fn parse(src: &str) -> Result<Phone, PhoneError> {
    let digits: String = src.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 3 {
        return Err(PhoneError(format!("\"{src}\" is not a valid phone number")));
    }
    Ok(Phone { digits })
}
impl Phone {
    pub fn is_short(&self) -> bool {
        self.digits.len() <= 4
    }
    pub fn e164(&self) -> Option<String> {
        Some(format!("+{}", self.digits))
    }
    pub fn digits(&self) -> String {
        self.digits.clone()
    }
    pub fn display(&self) -> String {
        self.digits.clone()
    }
    pub fn spoken(&self) -> String {
        self.digits.clone()
    }
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.digits)
    }
}
