//! The one effect executor. `update` names what must happen outside the state ([`Effect`]);
//! [`carry_out`] turns that into calls on [`Ports`], the screen's doors to the search thread
//! and the world. The running screen's ports are threads and the system ([`super::runtime`]);
//! the test harness's answer at once, in memory ([`super::testing`]). Both go through this
//! function, so what the tests drive is what the desk runs.

use super::msg::{DirHandle, Effect, MaintainJob, PrintJob, Request};
use super::state::State;
use crate::i18n::Lang;
use crate::referral::plan::Target;
use crate::stats::Record;
use jiff::civil::Date;

/// Where effects go. Answers come back later as actions, on the runtime's own channel.
pub trait Ports {
    /// A request for the search thread.
    fn search(&mut self, req: Request);
    /// Print or save a slip; answer with `Action::PrintDone`.
    fn print(&mut self, job: PrintJob);
    /// Put text on the clipboard; answer with `Action::Copied`.
    fn copy(&mut self, text: String, given: Vec<Target>);
    /// Append a referral to the statistics log; answer with `Action::Recorded` on failure.
    fn record(&mut self, record: Record);
    /// Remove the visit's last count from the statistics log; answer with
    /// `Action::TakenBack`.
    fn take_back(&mut self, record: Record);
    /// Read the statistics log; answer with `Action::StatsLoaded`.
    fn load_stats(&mut self);
    /// Load the data again and merge it into `old`; answer with `Action::Reloaded`.
    fn reload(&mut self, old: DirHandle, today: Date);
    /// Read or write the data folder or the settings; answer with `Action::Maintained`.
    fn maintain(&mut self, job: MaintainJob, lang: Lang);
}

/// Carries out an effect; true means quit. Afterwards asks for the highlights of rows that came
/// into view.
pub fn carry_out(effect: Effect, state: &mut State, ports: &mut impl Ports) -> bool {
    match effect {
        Effect::Quit => return true,
        Effect::None => {}
        Effect::Search(req) => ports.search(Request::Search(req)),
        Effect::Swap { dir, search } => {
            ports.search(Request::Swap(dir));
            ports.search(Request::Search(search));
        }
        Effect::NextVisitor(search) => {
            ports.search(Request::Forget);
            ports.search(Request::Search(search));
        }
        Effect::Print(job) => ports.print(job),
        Effect::Copy { text, given } => ports.copy(text, given),
        Effect::Record(r) => ports.record(r),
        Effect::TakeBack(r) => ports.take_back(r),
        Effect::LoadStats => ports.load_stats(),
        Effect::Reload { old, today } => ports.reload(old, today),
        Effect::Maintain(job) => ports.maintain(job, state.lang()),
        Effect::Batch(effects) => {
            for e in effects {
                if carry_out(e, state, ports) {
                    return true;
                }
            }
        }
    }
    if let Some(m) = state.take_marks_request() {
        ports.search(Request::Marks(m));
    }
    false
}
