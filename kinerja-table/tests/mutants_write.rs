//! Tests for `kinerja-table/src/write/mod.rs` (cargo-mutants on the whole file): which paths
//! are one file and which are two (`check_paths`), where the temporary file of an atomic write
//! lives, and which permissions the written file gets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};

use kinerja_table::write::{WriteError, atomic_write, check_paths};

/// The names in folder `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `check_paths` as the words of its refusal, or `ok`.
fn verdict(inputs: &[&Path], outputs: &[&Path]) -> String {
    match check_paths(inputs, outputs) {
        Ok(()) => "ok".to_string(),
        Err(e @ (WriteError::SameAsInput { .. } | WriteError::SameOutput { .. })) => e.to_string(),
        Err(e) => panic!("not a refusal of the paths: {e}"),
    }
}

/// Two outputs that do not exist yet are two files when their paths differ: no device and
/// inode is known for either, and two unknowns are not one file.
#[test]
fn two_new_outputs_are_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    assert_eq!(verdict(&[], &[&a, &b]), "ok");
    assert_eq!(
        verdict(&[], &[&a, &b, &a]),
        format!(
            "refusing to write `{}` and `{}`: they are the same file; give each output its own path",
            a.display(),
            a.display()
        )
    );
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

/// An output that already exists and is another file than the input (another device and
/// inode, another path) is taken; so are two existing outputs that are two files. The same
/// file under a second name (a hard link) is still refused, naming both paths as given.
#[test]
fn existing_files_are_told_apart_by_their_inode() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    let out = dir.path().join("out.csv");
    let out2 = dir.path().join("out2.csv");
    std::fs::write(&input, "employee\n1\n").unwrap();
    std::fs::write(&out, "old\n").unwrap();
    std::fs::write(&out2, "old\n").unwrap();
    assert_eq!(verdict(&[&input], &[&out]), "ok");
    assert_eq!(verdict(&[&input], &[&out, &out2]), "ok");
    #[cfg(unix)]
    {
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&input, &hard).unwrap();
        assert_eq!(
            verdict(&[&input], &[&out, &hard]),
            format!(
                "refusing to write `{}`: it is the input file `{}`; choose another output path",
                hard.display(),
                input.display()
            )
        );
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "employee\n1\n");
}

/// The same file name in two folders is two files, whether they exist yet or not (a new
/// output is known by its folder and its name, not by its name alone).
#[test]
fn one_name_in_two_folders_is_two_files() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    let a = dir.path().join("a").join("out.csv");
    let b = dir.path().join("b").join("out.csv");
    assert_eq!(verdict(&[], &[&a, &b]), "ok");
    std::fs::write(&a, "old\n").unwrap();
    assert_eq!(verdict(&[&a], &[&b]), "ok");
    assert_eq!(verdict(&[&b], &[&a]), "ok");
}

/// A bare file name is a file in the current folder: taken when it does not exist yet, and
/// the same file as its absolute spelling. Nothing is written.
#[test]
fn a_bare_file_name_is_in_the_current_folder() {
    let name = Path::new("kinerja-mutants-write-never-written.csv");
    let cwd = std::env::current_dir().unwrap();
    let absolute: PathBuf = cwd.join(name);
    assert!(!absolute.exists());
    assert_eq!(verdict(&[], &[name]), "ok");
    assert_eq!(
        verdict(&[], &[name, &absolute]),
        format!(
            "refusing to write `{}` and `{}`: they are the same file; give each output its own path",
            name.display(),
            absolute.display()
        )
    );
    assert!(!absolute.exists());
}

/// The temporary file of an atomic write is in the output's own folder (so the rename never
/// crosses file systems), named `.kinerja-….tmp`, the only new name there while the output is
/// being filled; afterwards the folder holds the output alone, with the new contents.
#[test]
fn the_temporary_file_is_beside_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    std::fs::write(&out, "old\n").unwrap();
    let mut during = Vec::new();
    atomic_write(&out, |w| {
        during = files_in(dir.path());
        w.write_all(b"new\n").map_err(|e| WriteError::io(&out, e))
    })
    .unwrap();
    assert_eq!(during.len(), 2, "{during:?}");
    let tmp = &during[0];
    assert!(tmp.starts_with(".kinerja-") && tmp.ends_with(".tmp"), "{during:?}");
    assert_eq!(during[1], "out.csv");
    assert_eq!(files_in(dir.path()), vec!["out.csv"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "new\n");
}

/// The written file's permission bits: `rw-r--r--` (0644) for a new output, although the
/// temporary file it was is private; a replaced output keeps its own (0640, 0755).
#[cfg(unix)]
#[test]
fn permissions_are_the_usual_or_the_replaced_files() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    let dir = tempfile::tempdir().unwrap();
    fn fill(w: &mut std::io::BufWriter<&mut std::fs::File>) -> Result<(), WriteError> {
        w.write_all(b"new\n").map_err(|e| WriteError::io(Path::new("out"), e))
    }
    let new = dir.path().join("new.csv");
    atomic_write(&new, fill).unwrap();
    assert_eq!(mode(&new), 0o644);
    for kept in [0o640, 0o755] {
        let old = dir.path().join(format!("old-{kept:o}.csv"));
        std::fs::write(&old, "old\n").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(kept)).unwrap();
        atomic_write(&old, fill).unwrap();
        assert_eq!(mode(&old), kept, "{kept:o}");
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "new\n");
    }
}
