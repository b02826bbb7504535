//! The pictures of an activity's record: what a file is (from its first bytes), the thumbnail
//! made once when it is attached, and the smaller JPEG the printed 活动记录 embeds. The original
//! is never changed; only copies are scaled.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

/// The longest side of a thumbnail, in pixels (the page shows them at about 160 px, twice that
/// stays sharp on a high-density screen).
pub const THUMB_SIDE: u32 = 320;
/// The longest side of a photo in the printed record: about 300 dpi at the 85 mm it is printed,
/// so a 12-megapixel photo adds some 250 KB to the PDF instead of its whole 5 MB.
pub const PRINT_SIDE: u32 = 1200;
/// Pictures larger than this (either side) are refused before they are decoded: a small PNG can
/// claim a huge canvas and take gigabytes to decode.
const MAX_SIDE: u32 = 20_000;
const MAX_DECODE_BYTES: u64 = 600 * 1024 * 1024;

/// A decoded picture, upright (its EXIF orientation applied, as phones save portrait photos
/// sideways with a flag).
pub(crate) struct Picture {
    pub image: DynamicImage,
}

/// Why a picture could not be used, in Chinese for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PictureError {
    /// Neither JPEG nor PNG.
    NotPicture,
    Bad(String),
}

impl std::fmt::Display for PictureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PictureError::NotPicture => f.write_str("不是 JPG 或 PNG 图片"),
            PictureError::Bad(reason) => f.write_str(reason),
        }
    }
}

fn reason(e: ImageError) -> String {
    match e {
        ImageError::Limits(_) => {
            format!("图片尺寸过大（长或宽超过 {MAX_SIDE} 像素，或解码所需内存过多）")
        }
        ImageError::Unsupported(_) => {
            "不支持这种图片编码（例如 CMYK 或 12 位 JPEG），请用看图软件另存为普通 JPG 后再添加"
                .into()
        }
        ImageError::IoError(_) | ImageError::Decoding(_) | ImageError::Parameter(_) => {
            "文件已损坏或不是完整的图片".into()
        }
        ImageError::Encoding(_) => "无法生成缩略图".into(),
    }
}

/// JPEG or PNG by the first bytes (the name's extension is not trusted).
pub(crate) fn is_picture(bytes: &[u8]) -> bool {
    matches!(
        image::guess_format(bytes),
        Ok(ImageFormat::Jpeg | ImageFormat::Png)
    )
}

/// The MIME type of a file: pictures and PDFs by their first bytes, the rest by the extension
/// of its name (Office and WPS documents are zip or OLE containers inside).
pub(crate) fn mime_of(name: &str, bytes: &[u8]) -> &'static str {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => return "image/jpeg",
        Ok(ImageFormat::Png) => return "image/png",
        Ok(ImageFormat::Gif) => return "image/gif",
        Ok(ImageFormat::WebP) => return "image/webp",
        Ok(ImageFormat::Bmp) => return "image/bmp",
        Ok(ImageFormat::Tiff) => return "image/tiff",
        _ => {}
    }
    if bytes.starts_with(b"%PDF") {
        return "application/pdf";
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps" => "application/vnd.ms-works",
        "et" => "application/vnd.ms-excel",
        "dps" => "application/vnd.ms-powerpoint",
        "ofd" => "application/ofd",
        "txt" => "text/plain",
        "heic" | "heif" => "image/heic",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "7z" => "application/x-7z-compressed",
        _ => "application/octet-stream",
    }
}

impl Picture {
    /// Decodes a JPEG or PNG and turns it upright.
    pub fn decode(bytes: &[u8]) -> Result<Picture, PictureError> {
        if !is_picture(bytes) {
            return Err(PictureError::NotPicture);
        }
        let mut reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| PictureError::Bad(reason(ImageError::IoError(e))))?;
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        let bad = |e| PictureError::Bad(reason(e));
        let mut decoder = reader.into_decoder().map_err(bad)?;
        // A broken EXIF block only loses the rotation, not the picture.
        let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
        let mut image = DynamicImage::from_decoder(decoder).map_err(bad)?;
        image.apply_orientation(orientation);
        Ok(Picture { image })
    }

    pub fn width(&self) -> u32 {
        self.image.width()
    }

    pub fn height(&self) -> u32 {
        self.image.height()
    }

    /// A JPEG no larger than `side` on either side (never enlarged).
    fn jpeg(&self, side: u32, quality: u8) -> Result<(Vec<u8>, u32, u32), PictureError> {
        let scaled;
        let image = if self.width() > side || self.height() > side {
            scaled = self.image.thumbnail(side, side);
            &scaled
        } else {
            &self.image
        };
        let rgb = flatten(image);
        let (w, h) = rgb.dimensions();
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&rgb)
            .map_err(|e| PictureError::Bad(reason(e)))?;
        Ok((out, w, h))
    }

    /// The thumbnail stored with the attachment.
    pub fn thumbnail(&self) -> Result<Vec<u8>, PictureError> {
        Ok(self.jpeg(THUMB_SIDE, 80)?.0)
    }

    /// The copy printed in the 活动记录: JPEG, at most [`PRINT_SIDE`] pixels, with its size.
    pub fn for_print(&self) -> Result<(Vec<u8>, u32, u32), PictureError> {
        self.jpeg(PRINT_SIDE, 85)
    }
}

/// 8-bit RGB; transparent parts (PNG) become white, as on paper.
fn flatten(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    let (w, h) = rgba.dimensions();
    let mut rgb = RgbImage::new(w, h);
    for (src, dst) in rgba.pixels().zip(rgb.pixels_mut()) {
        let a = u32::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u32::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, Rgba, RgbaImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, _| Rgb([(x % 256) as u8, 80, 160]));
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn thumbnails_keep_the_aspect_and_never_enlarge() {
        let p = Picture::decode(&jpeg(1000, 500)).unwrap();
        let t = Picture::decode(&p.thumbnail().unwrap()).unwrap();
        assert_eq!((t.width(), t.height()), (320, 160));
        let small = Picture::decode(&jpeg(100, 60)).unwrap();
        let t = Picture::decode(&small.thumbnail().unwrap()).unwrap();
        assert_eq!((t.width(), t.height()), (100, 60));
    }

    #[test]
    fn transparent_png_is_printed_on_white() {
        let img = RgbaImage::from_fn(4, 4, |_, _| Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&img, 4, 4, image::ExtendedColorType::Rgba8)
            .unwrap();
        let p = Picture::decode(&png).unwrap();
        assert_eq!(flatten(&p.image).get_pixel(1, 1), &Rgb([255, 255, 255]));
    }

    #[test]
    fn what_a_file_is_comes_from_its_bytes() {
        assert_eq!(mime_of("x.png", &jpeg(2, 2)), "image/jpeg");
        assert_eq!(mime_of("扫描件.PDF", b"%PDF-1.7"), "application/pdf");
        assert_eq!(
            mime_of("会议记录.DOCX", b"PK\x03\x04"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(mime_of("无扩展名", b"abc"), "application/octet-stream");
        assert_eq!(
            Picture::decode(b"GIF89a....").err(),
            Some(PictureError::NotPicture)
        );
        assert!(matches!(
            Picture::decode(&jpeg(8, 8)[..40]),
            Err(PictureError::Bad(_))
        ));
    }
}
