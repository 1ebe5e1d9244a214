import Foundation
import Vapor
import ZIPFoundation

/// A table of text cells as a spreadsheet file, for every list the centre exports (a week's
/// plan, hours, timesheets, indicators): CSV with the semicolon and the byte-order mark that
/// Excel in a Bulgarian locale expects (the comma is its decimal mark), and an XLSX workbook.
enum SpreadsheetExport {
    static func csv(_ table: [[String]]) -> String {
        let lines = table.map { $0.map(field).joined(separator: ";") }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is
    /// neutralised so that a spreadsheet never runs a name as a formula.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { ";\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The smallest workbook Excel and LibreOffice open: one sheet of inline strings, zipped by
    /// ZIPFoundation. Every cell is text, so nothing in one is ever evaluated.
    static func xlsx(_ table: [[String]], sheetName: String) throws -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let types = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let sheetRows = table.enumerated().map { index, cells in
            let cells = cells.map { #"<c t="inlineStr"><is><t xml:space="preserve">"# + xml($0) + "</t></is></c>" }
            return "<row r=\"\(index + 1)\">" + cells.joined() + "</row>"
        }.joined()
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                head + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
                    + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
                    + #"<Default Extension="xml" ContentType="application/xml"/>"#
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(types).sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(types).worksheet+xml\"/></Types>"
            ),
            (
                "_rels/.rels",
                head + "<Relationships xmlns=\"\(relationships)\"><Relationship Id=\"rId1\" "
                    + "Type=\"\(office)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
            (
                "xl/workbook.xml",
                head + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(office)\"><sheets><sheet name=\""
                    + xml(sheetTitle(sheetName)) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                head + "<Relationships xmlns=\"\(relationships)\"><Relationship Id=\"rId1\" "
                    + "Type=\"\(office)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
            (
                "xl/worksheets/sheet1.xml",
                head + "<worksheet xmlns=\"\(main)\"><sheetData>\(sheetRows)</sheetData></worksheet>"
            ),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        guard let data = archive.data else { throw Abort(.internalServerError) }
        return data
    }

    /// Excel refuses a sheet name over 31 characters or with any of `: \ / ? * [ ]`.
    static func sheetTitle(_ name: String) -> String {
        String(name.filter { !":\\/?*[]".contains($0) }.prefix(31))
    }

    /// Text for XML: the five special characters escaped, control characters XML 1.0 forbids dropped.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static let csvType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
    static let xlsxType = HTTPMediaType(
        type: "application",
        subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )

    /// The file as a download named `name`.
    static func download(_ data: Data, type: HTTPMediaType, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
