//! The Python extension: JSON text in, JSON text out, through `waymark::api`. No logic lives
//! here. Errors raise `waymark.WaymarkError` whose argument is the diagnostic as JSON; the
//! Python package turns it into attributes (`code`, `diagnostic`).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(_waymark, WaymarkError, PyException);

/// Runs `op` on JSON text; returns JSON text. The engine runs without the GIL.
#[pyfunction]
fn call_json(py: Python<'_>, op: &str, input: &str) -> PyResult<String> {
    let (op, input) = (op.to_string(), input.to_string());
    py.detach(move || {
        waymark::api::call_json(&op, &input).map_err(|d| waymark::api::error_json(&d))
    })
    .map_err(WaymarkError::new_err)
}

/// The operation names.
#[pyfunction]
fn operations() -> Vec<&'static str> {
    waymark::api::OPERATIONS.to_vec()
}

#[pymodule]
fn _waymark(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(call_json, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add("WaymarkError", m.py().get_type::<WaymarkError>())?;
    Ok(())
}
