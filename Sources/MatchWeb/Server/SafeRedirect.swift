/// The one check on where the gateway sends a browser back to (`/lang/…?back=`,
/// `/login?next=`, `/reauth?next=`, every 303): a path on this site, or "/" instead.
///
/// A browser reads more into a `Location` than its text: it drops tabs and line breaks
/// (`/<TAB>/evil.example` becomes `//evil.example`, another site), reads `\` as `/`, and
/// `//host` or `scheme:` leave the site. So a target must start with exactly one `/`,
/// hold only printable ASCII (no space, no control character, no backslash anywhere),
/// and nothing else is repaired: anything doubtful goes home.
enum SafeRedirect {
    static func path(_ target: String?) -> String {
        guard let target, isLocalPath(target) else { return "/" }
        return target
    }

    static func isLocalPath(_ target: String) -> Bool {
        let scalars = Array(target.unicodeScalars)
        guard scalars.first == "/" else { return false }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return false }
        return scalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != "\\" }
    }
}
