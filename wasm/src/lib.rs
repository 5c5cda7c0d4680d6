//! The WASM build: one exported function per API operation, each passing JSON through
//! `waymark::api`. No logic lives here. Errors are thrown as JS `Error`s carrying the
//! diagnostic (`code`, `message`, `hint`, `object`, `location`); a panic's message is kept by
//! the hook below so the JS glue can throw it instead of a bare `unreachable`.

use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
    }));
}

/// The message of the panic that aborted the last call, if one did.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

/// Runs operation `op` on `input` (a plain object); returns the output object.
#[wasm_bindgen]
pub fn call(op: &str, input: JsValue) -> Result<JsValue, JsValue> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(input).map_err(|e| {
        let d = waymark::Diagnostic::error(
            waymark::Code::InvalidInput,
            format!("{op}: the input is not plain JSON data: {e}"),
        );
        error(&d)
    })?;
    waymark::api::call(op, value)
        .map(|out| to_js(&out))
        .map_err(|d| error(&d))
}

/// Runs `op` on JSON text and returns JSON text: the form the parity vectors compare.
#[wasm_bindgen(js_name = callJson)]
pub fn call_json(op: &str, input: &str) -> Result<String, JsValue> {
    waymark::api::call_json(op, input).map_err(|d| error(&d))
}

/// The operation names.
#[wasm_bindgen]
pub fn operations() -> Vec<String> {
    waymark::api::OPERATIONS
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn error(d: &waymark::Diagnostic) -> JsValue {
    let e = js_sys::Error::new(&d.to_string());
    let _ = js_sys::Reflect::set(&e, &"code".into(), &d.code.as_str().into());
    let sorted = serde_json::to_value(d).expect("a diagnostic serialises");
    let _ = js_sys::Reflect::set(&e, &"diagnostic".into(), &to_js(&sorted));
    e.into()
}
