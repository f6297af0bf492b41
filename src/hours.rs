//! TEMPORARY stub, replaced by the real module from the `hours` branch.
use crate::i18n::Lang;
use jiff::civil::{DateTime, Time, Weekday};

#[derive(Debug, Clone)]
pub struct Hours {
    src: String,
}
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HoursError {
    pub offset: usize,
    pub message: String,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lunch {
    pub start: Time,
    pub end: Time,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    Open { until: Option<Time> },
    Lunch { until: Time },
    Closed { opens: Option<(Weekday, Time)> },
}
pub fn parse(src: &str) -> Result<Hours, HoursError> {
    if src.trim().is_empty() {
        return Err(HoursError {
            offset: 0,
            message: "empty".into(),
        });
    }
    Ok(Hours {
        src: src.to_string(),
    })
}
pub fn parse_lunch(src: &str) -> Result<Lunch, HoursError> {
    let (a, b) = src.split_once('-').ok_or(HoursError {
        offset: 0,
        message: "bad".into(),
    })?;
    let p = |s: &str| {
        s.trim().parse::<Time>().map_err(|e| HoursError {
            offset: 0,
            message: e.to_string(),
        })
    };
    Ok(Lunch {
        start: p(a)?,
        end: p(b)?,
    })
}
impl Hours {
    pub fn source(&self) -> &str {
        &self.src
    }
    pub fn is_24_7(&self) -> bool {
        self.src == "24/7"
    }
    pub fn weekly(&self) -> [Vec<(Time, Time)>; 7] {
        Default::default()
    }
    pub fn display(&self, _lang: Lang) -> String {
        self.src.clone()
    }
    pub fn spoken_uk(&self) -> String {
        self.src.clone()
    }
    pub fn state_at(&self, _l: Option<&Lunch>, _at: DateTime) -> OpenState {
        OpenState::Open { until: None }
    }
}
impl Lunch {
    pub fn display(&self) -> String {
        format!(
            "{}–{}",
            self.start.strftime("%H:%M"),
            self.end.strftime("%H:%M")
        )
    }
    pub fn spoken_uk(&self) -> String {
        format!(
            "з {} до {}",
            self.start.strftime("%H:%M"),
            self.end.strftime("%H:%M")
        )
    }
}
