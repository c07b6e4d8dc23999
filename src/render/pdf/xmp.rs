//! The XMP metadata packet: the document's title, creators, language and dates in the form
//! PDF/UA (and any catalogue that reads XMP) expects, agreeing with the Info dictionary.

use super::metadata::Metadata;
use crate::render::dates::iso_timestamp;
use crate::render::markup::escape_xml;

/// The packet for `meta`; with `ua`, it declares PDF/UA-1 (`pdfuaid:part 1`).
pub fn packet(meta: &Metadata, ua: bool) -> String {
    let mut fields = String::new();
    let mut field = |text: String| {
        fields.push_str("   ");
        fields.push_str(&text);
        fields.push('\n');
    };
    field("<dc:format>application/pdf</dc:format>".into());
    field(format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        escape_xml(&meta.title)
    ));
    if !meta.creators.is_empty() {
        let names: String = meta
            .creators
            .iter()
            .map(|c| format!("<rdf:li>{}</rdf:li>", escape_xml(c)))
            .collect();
        field(format!(
            "<dc:creator><rdf:Seq>{names}</rdf:Seq></dc:creator>"
        ));
    }
    if !meta.subject.is_empty() {
        field(format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape_xml(&meta.subject)
        ));
    }
    if !meta.language.is_empty() {
        field(format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            escape_xml(&meta.language)
        ));
    }
    if !meta.keywords.is_empty() {
        field(format!(
            "<pdf:Keywords>{}</pdf:Keywords>",
            escape_xml(&meta.keywords.join(", "))
        ));
    }
    field(format!(
        "<pdf:Producer>folio {}</pdf:Producer>",
        env!("CARGO_PKG_VERSION")
    ));
    field("<xmp:CreatorTool>folio</xmp:CreatorTool>".into());
    if let Some(seconds) = meta.created {
        let date = iso_timestamp(seconds);
        field(format!("<xmp:CreateDate>{date}</xmp:CreateDate>"));
        field(format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>"));
    }
    let ua_namespace = if ua {
        field("<pdfuaid:part>1</pdfuaid:part>".into());
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""
    } else {
        ""
    };
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         \x20<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         \x20 <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"{ua_namespace}>\n\
         {fields}\
         \x20 </rdf:Description>\n\
         \x20</rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Metadata {
        Metadata {
            title: "Pain & <sleep>".into(),
            creators: vec!["A. Author".into(), "Clinic".into()],
            language: "en-GB".into(),
            created: Some(1_700_000_000),
            ..Metadata::default()
        }
    }

    #[test]
    fn the_packet_names_title_creators_language_and_pdf_ua() {
        let xmp = packet(&meta(), true);
        assert!(xmp.contains("<rdf:li xml:lang=\"x-default\">Pain &amp; &lt;sleep&gt;</rdf:li>"));
        assert!(
            xmp.contains("<rdf:Seq><rdf:li>A. Author</rdf:li><rdf:li>Clinic</rdf:li></rdf:Seq>")
        );
        assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"));
        assert!(!packet(&meta(), false).contains("pdfuaid"));
    }

    #[test]
    fn every_element_of_the_packet_is_closed_in_order() {
        let xmp = packet(&meta(), true);
        let mut open = Vec::new();
        for tag in xmp.split('<').skip(1).filter_map(|t| t.split_once('>')) {
            let (tag, _) = tag;
            if tag.starts_with('?') || tag.ends_with('/') {
                continue;
            }
            let name = tag.split_whitespace().next().unwrap();
            match name.strip_prefix('/') {
                Some(closing) => assert_eq!(open.pop(), Some(closing.to_string()), "{xmp}"),
                None => open.push(name.to_string()),
            }
        }
        assert!(open.is_empty(), "{open:?}");
    }
}
