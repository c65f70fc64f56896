#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    bourgade_fuzz::pdf_layout(data);
});
