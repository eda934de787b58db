extension String {
    /// Replaces by UTF-8 bytes, without Foundation, so that `é` never matches `e\u{301}`.
    func replacingUTF8(_ target: String, with replacement: String) -> String {
        let source = Array(utf8)
        let needle = Array(target.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < source.count {
            if index + needle.count <= source.count && source[index..<index + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                out.append(source[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
