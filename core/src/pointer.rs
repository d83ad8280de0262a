//! JSON Pointers (RFC 6901): where an error or a change is in a document.
//! Every path the library reports is built here.

/// Escapes one reference token: `~` as `~0`, `/` as `~1`.
///
/// ```
/// assert_eq!(journeymap::pointer::token("a/b~c"), "a~1b~0c");
/// ```
pub fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Appends `/` and the escaped `key` to `path`.
///
/// ```
/// let mut path = String::from("/metadata");
/// journeymap::pointer::push(&mut path, "utm/source");
/// assert_eq!(path, "/metadata/utm~1source");
/// ```
pub fn push(path: &mut String, key: &str) {
    path.push('/');
    if key.contains(['~', '/']) {
        path.push_str(&token(key));
    } else {
        path.push_str(key);
    }
}

/// The pointer of a path given as its unescaped tokens.
///
/// ```
/// assert_eq!(journeymap::pointer::of(["stages", "0", "a/b"]), "/stages/0/a~1b");
/// assert_eq!(journeymap::pointer::of(Vec::<String>::new()), "");
/// ```
pub fn of<I>(tokens: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut path = String::new();
    for t in tokens {
        push(&mut path, t.as_ref());
    }
    path
}
