//! `[printer] command`: the slip reaches the command on standard input or as `{file}` (a
//! temporary file with the format's extension, there while the command runs and gone after),
//! and a failing command's own message reaches the frontliner. The command is a Rust stand-in
//! (tests/sink_support), so this runs the same on Linux and Windows.

mod sink_support;

use refdesk::i18n::Lang;
use refdesk::referral::print::{Destination, PrintError, send};
use refdesk::referral::slip::{Output, Printer, SlipFormat};
use sink_support::sink;

fn output(format: SlipFormat) -> Output {
    Output::for_printer(&Printer::default(), format, None)
}

#[test]
fn the_command_gets_the_bytes_on_standard_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.bin");
    let out_s = out.display().to_string();
    send(
        &Destination::Command(sink(&["copy-stdin", &out_s])),
        "ґєї".as_bytes(),
        &output(SlipFormat::Text),
    )
    .expect("printed");
    assert_eq!(std::fs::read(&out).expect("written"), "ґєї".as_bytes());
}

#[test]
fn the_command_gets_a_file_with_the_formats_extension_that_is_gone_afterwards() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (format, ext) in [(SlipFormat::Pdf, "pdf"), (SlipFormat::Text, "txt")] {
        let out = dir.path().join(format!("copy.{ext}"));
        let mut argv = sink(&["copy-file", &out.display().to_string()]);
        argv.push("{file}".into());
        send(&Destination::Command(argv), b"slip", &output(format)).expect("printed");
        assert_eq!(std::fs::read(&out).expect("copied"), b"slip");
        let path = std::fs::read_to_string(dir.path().join(format!("copy.{ext}.path")))
            .expect("the stand-in recorded the file's name");
        let path = std::path::Path::new(&path);
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some(ext),
            "{}",
            path.display()
        );
        assert!(
            !path.exists(),
            "the temporary file is removed after the command"
        );
    }
}

#[test]
fn a_failing_command_reports_its_own_message() {
    let e = send(
        &Destination::Command(sink(&["fail", "папір скінчився"])),
        b"x",
        &output(SlipFormat::Text),
    )
    .expect_err("the command fails");
    match &e {
        PrintError::Failed { stderr, code, .. } => {
            assert!(stderr.contains("папір скінчився"), "{stderr}");
            assert_eq!(*code, Some(3));
        }
        e => panic!("unexpected {e:?}"),
    }
    assert!(e.message(Lang::Uk).contains("завершився з помилкою"));
}

#[test]
fn a_missing_program_is_a_spawn_error() {
    let e = send(
        &Destination::Command(vec!["refdesk-no-such-program".into()]),
        b"x",
        &output(SlipFormat::Text),
    )
    .expect_err("missing");
    assert!(matches!(e, PrintError::Spawn { .. }), "{e:?}");
}
