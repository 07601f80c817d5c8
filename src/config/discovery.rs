//! Finding the config file for each draft: the closest one up the tree,
//! looked up once per directory.

use super::{load, ConfigError};
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file names looked for in each directory, in order.
pub const CONFIG_NAMES: [&str; 2] = ["quotelint.toml", ".quotelint.toml"];

/// Where settings come from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ConfigChoice {
    /// The closest config file up from each draft (the default).
    #[default]
    Discover,
    /// This file for every draft (`--config PATH`).
    File(PathBuf),
    /// The defaults; config files are ignored (`--isolated`).
    Isolated,
}

/// The config file in `dir` or its closest ancestor, if any.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(config_in)
}

fn config_in(dir: &Path) -> Option<PathBuf> {
    CONFIG_NAMES.iter().map(|name| dir.join(name)).find(|p| p.is_file())
}

/// Resolves the settings for each draft, caching the config file found for
/// each directory and the settings read from each file.
#[derive(Debug, Default)]
pub struct Resolver {
    choice: ConfigChoice,
    cwd: PathBuf,
    found: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Arc<Settings>, ConfigError>>,
}

impl Resolver {
    pub fn new(choice: ConfigChoice) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        Resolver { choice, cwd, ..Resolver::default() }
    }

    /// The settings for the draft at `file` (for standard input, the name
    /// given with `--stdin-filename`, resolved from the working directory).
    pub fn settings_for(&mut self, file: &Path) -> Result<Arc<Settings>, ConfigError> {
        let config = match &self.choice {
            ConfigChoice::Isolated => return Ok(Arc::new(Settings::default())),
            ConfigChoice::File(path) => Some(path.clone()),
            ConfigChoice::Discover => {
                let dir = self.cwd.join(file.parent().unwrap_or(Path::new("")));
                self.config_for_dir(&dir)
            }
        };
        let Some(config) = config else { return Ok(Arc::new(Settings::default())) };
        self.loaded.entry(config.clone()).or_insert_with(|| load(&config).map(Arc::new)).clone()
    }

    /// The config file governing `dir`, walking up and remembering the answer
    /// for every directory passed on the way.
    pub fn config_for_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut answer = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = self.found.get(ancestor) {
                answer = known.clone();
                break;
            }
            visited.push(ancestor.to_path_buf());
            if let Some(found) = config_in(ancestor) {
                answer = Some(found);
                break;
            }
        }
        for dir in visited {
            self.found.insert(dir, answer.clone());
        }
        answer
    }
}

/// A path as messages show it: relative to the working directory when inside it.
pub(super) fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_config_wins_and_answers_are_cached_per_directory() {
        let root = tempfile::tempdir().unwrap();
        let inner = root.path().join("desk/sport");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(root.path().join("quotelint.toml"), "style = \"ap\"\n").unwrap();
        std::fs::write(root.path().join("desk/.quotelint.toml"), "style = \"guardian\"\n").unwrap();
        let mut r = Resolver::new(ConfigChoice::Discover);
        assert_eq!(r.config_for_dir(&inner), Some(root.path().join("desk/.quotelint.toml")));
        assert_eq!(r.config_for_dir(root.path()), Some(root.path().join("quotelint.toml")));
        // The cached answer holds even once the file is gone: one lookup a directory per run.
        std::fs::remove_file(root.path().join("desk/.quotelint.toml")).unwrap();
        assert_eq!(r.config_for_dir(&inner), Some(root.path().join("desk/.quotelint.toml")));
        assert_eq!(find_config_file(&inner), Some(root.path().join("quotelint.toml")));
    }

    #[test]
    fn plain_name_is_preferred_to_the_dotted_one() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("quotelint.toml"), "").unwrap();
        std::fs::write(root.path().join(".quotelint.toml"), "").unwrap();
        assert_eq!(find_config_file(root.path()), Some(root.path().join("quotelint.toml")));
    }

    #[test]
    fn isolated_and_explicit_files() {
        let root = tempfile::tempdir().unwrap();
        let draft = root.path().join("a.md");
        std::fs::write(root.path().join("quotelint.toml"), "style = \"ap\"\n").unwrap();
        let other = root.path().join("other.toml");
        std::fs::write(&other, "style = \"reuters\"\n").unwrap();
        let style = |choice| Resolver::new(choice).settings_for(&draft).map(|s| s.style);
        use crate::settings::HouseStyle;
        assert_eq!(style(ConfigChoice::Discover), Ok(HouseStyle::Ap));
        assert_eq!(style(ConfigChoice::Isolated), Ok(HouseStyle::Standard));
        assert_eq!(style(ConfigChoice::File(other)), Ok(HouseStyle::Reuters));
        let missing = style(ConfigChoice::File(root.path().join("none.toml"))).unwrap_err();
        assert!(missing.message.starts_with("cannot read the configuration"), "{missing}");
    }
}
