//! Steps of the 考核评价 screens shared by the tests in `evaluation.rs`: picking in Element Plus
//! selects and trees, typing into the n-th of repeated fields (the rows of an editable table),
//! the confirmation boxes, tabs and reading a table's rows. Each step waits for its condition,
//! never for a time.

use chrono::NaiveDate;
use fantoccini::elements::Element;
use serde_json::Value;

use crate::support::{App, PATIENCE, until};

/// A shown Element Plus select dropdown (a hidden one keeps `display: none`).
const SHOWN_DROPDOWN: &str =
    "//div[contains(@class,'el-select__popper') and not(contains(@style,'display: none'))]";

/// The select wrapper (el-select or el-tree-select) in or at the `n`-th (from 1) `testid`.
fn select_at(testid: &str, n: usize) -> String {
    format!(
        "((//*[@data-testid='{testid}'])[{n}]/descendant-or-self::*\
         [contains(@class,'el-select__wrapper')])[1]"
    )
}

/// How many select dropdowns are shown (one still fading out counts).
async fn dropdowns_shown(app: &App) -> u64 {
    app.c()
        .execute(
            "return [...document.querySelectorAll('.el-select__popper')]\
             .filter(e => e.style.display !== 'none' && e.getClientRects().length > 0).length",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(0)
}

/// Waits until no select dropdown is shown (the one just used has faded out), so that the
/// next dropdown opened is the only one an option can be picked from.
pub async fn wait_no_dropdown(app: &App) {
    until(
        PATIENCE,
        "the select dropdowns to close",
        async || match dropdowns_shown(app).await {
            0 => Ok(()),
            n => Err(format!("{n} shown")),
        },
    )
    .await;
}

/// Opens the `n`-th select `testid` and picks the option whose text contains `option`; waits
/// until the select shows it and its dropdown has closed.
pub async fn pick_nth(app: &App, testid: &str, n: usize, option: &str) {
    wait_no_dropdown(app).await;
    let select = app.xpath(&select_at(testid, n)).await;
    app.press(&select, &format!("the select {testid} #{n}"))
        .await;
    let item = app
        .xpath(&format!(
            "{SHOWN_DROPDOWN}//li[contains(@class,'el-select-dropdown__item') \
             and not(contains(@class,'is-disabled')) and contains(normalize-space(.), '{option}')]"
        ))
        .await;
    app.press(&item, &format!("{option} in {testid} #{n}"))
        .await;
    let shown = format!("{option} chosen in {testid} #{n}");
    wait_nth_text(app, testid, n, &shown, |t| t.contains(option)).await;
    wait_no_dropdown(app).await;
}

/// [`pick_nth`] of the first (or only) select `testid`.
pub async fn pick(app: &App, testid: &str, option: &str) {
    pick_nth(app, testid, 1, option).await;
}

/// Types `search` into a person picker (a remote search) and picks the person whose option
/// contains `option` (a name, a 工号).
pub async fn pick_person(app: &App, testid: &str, search: &str, option: &str) {
    wait_no_dropdown(app).await;
    app.type_into(testid, search).await;
    let item = app
        .xpath(&format!(
            "{SHOWN_DROPDOWN}//li[contains(@class,'el-select-dropdown__item') \
             and contains(normalize-space(.), '{option}')]"
        ))
        .await;
    app.press(&item, &format!("{option} in {testid}")).await;
    let shown = format!("{option} chosen");
    app.wait_text(testid, &shown, |t| t.contains(option)).await;
    wait_no_dropdown(app).await;
}

/// Ticks the unit `name` in the tree of the unit picker (`el-tree-select` with checkboxes)
/// in or at `testid`, then closes its dropdown by clicking `elsewhere` (a testid outside it).
pub async fn tick_unit(app: &App, testid: &str, name: &str, elsewhere: &str) {
    wait_no_dropdown(app).await;
    let select = app.xpath(&select_at(testid, 1)).await;
    app.press(&select, &format!("the unit picker {testid}"))
        .await;
    let node = format!(
        "{SHOWN_DROPDOWN}//*[contains(@class,'el-tree-node__content')]\
         [.//*[normalize-space(text())='{name}']]"
    );
    let checkbox = app
        .xpath(&format!("{node}//*[contains(@class,'el-checkbox__inner')]"))
        .await;
    app.press(&checkbox, &format!("the checkbox of {name}"))
        .await;
    app.xpath(&format!(
        "{node}//*[contains(@class,'el-checkbox') and contains(@class,'is-checked')]"
    ))
    .await;
    let shown = format!("{name} ticked");
    app.wait_text(testid, &shown, |t| t.contains(name)).await;
    app.click(elsewhere).await;
    wait_no_dropdown(app).await;
}

/// The text of the `n`-th (from 1) element `testid`, whitespace collapsed; None when there
/// are fewer.
pub async fn nth_text(app: &App, testid: &str, n: usize) -> Option<String> {
    let script = format!(
        "const e = document.querySelectorAll(\"[data-testid='{testid}']\")[{}]; \
         return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;",
        n - 1
    );
    app.c()
        .execute(&script, vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// Waits until the `n`-th element `testid` shows a text `ok` accepts; returns it.
pub async fn wait_nth_text(
    app: &App,
    testid: &str,
    n: usize,
    what: &str,
    ok: impl Fn(&str) -> bool,
) -> String {
    let waiting = format!("[data-testid={testid}] #{n} to show {what}");
    until(PATIENCE, &waiting, async || {
        match nth_text(app, testid, n).await {
            Some(t) if ok(&t) => Ok(t),
            other => Err(format!("{other:?}")),
        }
    })
    .await
}

/// The `n`-th (from 1) text field `testid`: the input or textarea that carries it, or the one
/// inside the element that does.
pub async fn nth_input(app: &App, testid: &str, n: usize) -> Element {
    app.xpath(&format!(
        "(//input[@data-testid='{testid}'] | //textarea[@data-testid='{testid}'] \
         | //*[@data-testid='{testid}']//input | //*[@data-testid='{testid}']//textarea)[{n}]"
    ))
    .await
}

/// Types `text` into `input` as a user would — once it is enabled: emptied first (select all,
/// delete; Element Plus puts its model's value back after a WebDriver clear), then the keys.
/// Number fields (el-input-number) take their value when left: end `text` with [`TAB`].
pub async fn fill(app: &App, input: &Element, text: &str, what: &str) {
    let arg = serde_json::to_value(input).unwrap();
    until(PATIENCE, &format!("{what} to be enabled"), async || {
        let state = app
            .c()
            .execute(
                "const e = arguments[0]; \
                 return !e.disabled && !e.readOnly && !e.closest('.is-disabled');",
                vec![arg.clone()],
            )
            .await
            .map_err(|e| e.to_string())?;
        if state == true {
            Ok(())
        } else {
            Err("disabled".into())
        }
    })
    .await;
    app.press(input, what).await;
    input.clear().await.ok();
    let left = input.prop("value").await.ok().flatten().unwrap_or_default();
    if !left.is_empty() {
        input
            .send_keys("\u{E009}a\u{E000}\u{E003}")
            .await
            .unwrap_or_else(|e| panic!("empty {what}: {e}"));
    }
    input
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type into {what}: {e}"));
}

/// The Tab key (leaves a field: an el-input-number takes the number typed).
pub const TAB: &str = "\u{E004}";
/// The Enter key.
pub const ENTER: &str = "\u{E007}";

/// Types `text` into the `n`-th text field `testid`.
pub async fn type_nth(app: &App, testid: &str, n: usize, text: &str) {
    let input = nth_input(app, testid, n).await;
    fill(app, &input, text, &format!("{testid} #{n}")).await;
}

/// Presses the button `label` of the confirmation box in front (ElMessageBox) and waits until
/// the box has gone.
pub async fn confirm_box(app: &App, label: &str) {
    let button = app
        .xpath(&format!(
            "//div[contains(@class,'el-message-box')]\
             //button[contains(@class,'el-button--primary') and normalize-space()='{label}']"
        ))
        .await;
    app.press(&button, &format!("{label} in the confirmation box"))
        .await;
    until(PATIENCE, "the confirmation box to close", async || {
        let shown = app
            .c()
            .execute(
                "return [...document.querySelectorAll('.el-message-box')]\
                 .filter(e => e.getClientRects().length > 0).length",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        if shown == 0 {
            Ok(())
        } else {
            Err(format!("{shown} shown"))
        }
    })
    .await;
}

/// Opens the tab `name` of an el-tabs (its header carries the id `tab-{name}`).
pub async fn open_tab(app: &App, name: &str) {
    let tab = app.xpath(&format!("//*[@id='tab-{name}']")).await;
    app.press(&tab, &format!("the tab {name}")).await;
    app.xpath(&format!(
        "//*[@id='tab-{name}' and contains(@class,'is-active')]"
    ))
    .await;
}

/// The texts of every element `testid`, in page order, whitespace collapsed.
pub async fn texts(app: &App, testid: &str) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll(\"[data-testid='{testid}']\")]\
         .map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
    );
    let v = app
        .c()
        .execute(&script, vec![])
        .await
        .unwrap_or(Value::Null);
    serde_json::from_value(v).unwrap_or_default()
}

/// The text of the body row of the table `table` (a testid) that holds `name` in a cell,
/// whitespace collapsed; None while there is none.
pub async fn row_text(app: &App, table: &str, name: &str) -> Option<String> {
    let script = format!(
        "const rows = [...document.querySelectorAll(\"[data-testid='{table}'] tbody tr\")]; \
         const row = rows.find(r => [...r.cells].some(c => c.textContent.includes('{name}'))); \
         return row ? row.textContent.replace(/\\s+/g, ' ').trim() : null;"
    );
    app.c()
        .execute(&script, vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// Waits until the row of `table` holding `name` shows a text `ok` accepts; returns it.
pub async fn wait_row(
    app: &App,
    table: &str,
    name: &str,
    what: &str,
    ok: impl Fn(&str) -> bool,
) -> String {
    let waiting = format!("the row of {name} in {table} to show {what}");
    until(PATIENCE, &waiting, async || {
        match row_text(app, table, name).await {
            Some(t) if ok(&t) => Ok(t),
            other => Err(format!("{other:?}")),
        }
    })
    .await
}

/// The XPath of the body row of the table `table` whose cells hold `name`.
pub fn row_xpath(table: &str, name: &str) -> String {
    format!("//*[@data-testid='{table}']//tbody/tr[td[contains(normalize-space(.), '{name}')]]")
}

/// Clicks the element `testid` inside the row of `table` holding `name`.
pub async fn click_in_row(app: &App, table: &str, name: &str, testid: &str) {
    let el = app
        .xpath(&format!(
            "({}//*[@data-testid='{testid}'])[1]",
            row_xpath(table, name)
        ))
        .await;
    app.press(&el, &format!("{testid} in the row of {name}"))
        .await;
}

/// Which of `testids` the page has (rendered, shown or not).
pub async fn present(app: &App, testids: &[&str]) -> Vec<String> {
    let list = serde_json::to_value(testids).unwrap();
    let v = app
        .c()
        .execute(
            "return arguments[0].filter(id => document.querySelector(`[data-testid='${id}']`))",
            vec![list],
        )
        .await
        .unwrap_or(Value::Null);
    serde_json::from_value(v).unwrap_or_default()
}

/// Goes to the app's page at `path` (the hash router), as a link would.
pub async fn go(app: &App, path: &str) {
    app.c()
        .execute(&format!("location.hash = '#{path}'"), vec![])
        .await
        .unwrap();
}

/// The id at the end of the page's address (`#/evaluation/rounds/12` → 12), once the address
/// starts with `#{prefix}/` and ends in a number.
pub async fn id_in_address(app: &App, prefix: &str) -> i64 {
    let what = format!("the address #{prefix}/<id>");
    until(PATIENCE, &what, async || {
        let hash = app
            .c()
            .execute("return location.hash", vec![])
            .await
            .map_err(|e| e.to_string())?;
        let hash = hash.as_str().unwrap_or_default().to_string();
        hash.strip_prefix(&format!("#{prefix}/"))
            .and_then(|rest| rest.split(['?', '/']).next())
            .and_then(|id| id.parse::<i64>().ok())
            .ok_or(hash)
    })
    .await
}

/// Scrolls the element `testid` into the middle of the view (for a picture of it).
pub async fn show(app: &App, testid: &str) {
    app.c()
        .execute(
            &format!(
                "const e = document.querySelector(\"[data-testid='{testid}']\"); \
                 if (e) e.scrollIntoView({{ block: 'center' }});"
            ),
            vec![],
        )
        .await
        .ok();
}

/// Clicks `testid`, which asks to confirm in a box, and confirms with `label`.
pub async fn act(app: &App, testid: &str, label: &str) {
    app.click(testid).await;
    confirm_box(app, label).await;
}

/// Types `text` into the field `testid` in the row of `table` holding `name`.
pub async fn fill_in_row(app: &App, table: &str, name: &str, testid: &str, text: &str) {
    let row = row_xpath(table, name);
    let input = app
        .xpath(&format!(
            "({row}//input[@data-testid='{testid}'] | {row}//textarea[@data-testid='{testid}'] \
             | {row}//*[@data-testid='{testid}']//input \
             | {row}//*[@data-testid='{testid}']//textarea)[1]"
        ))
        .await;
    fill(app, &input, text, &format!("{testid} of {name}")).await;
}

/// Sets the two dates of the el-date-picker range in `testid` (typed as a user would), then
/// clicks `elsewhere` to close its panel.
pub async fn set_range(app: &App, testid: &str, from: NaiveDate, to: NaiveDate, elsewhere: &str) {
    for (n, date) in [(1, from), (2, to)] {
        type_nth(app, testid, n, &format!("{date}{}", ENTER)).await;
    }
    let want = serde_json::json!([from.to_string(), to.to_string()]);
    app.eval_until(
        "the range typed",
        &format!(
            "return [...document.querySelectorAll(\"[data-testid='{testid}'] input\")]\
             .map(e => e.value)"
        ),
        |v| v == &want,
    )
    .await;
    let title = app
        .xpath(&format!(
            "//*[@data-testid='{elsewhere}']/ancestor::*[contains(concat(' ', \
             normalize-space(@class), ' '), ' el-dialog ')][1]//*[contains(@class,'el-dialog__title')]"
        ))
        .await;
    app.press(&title, "the dialog's title").await;
    wait_no_dropdown(app).await;
    until(PATIENCE, "the date panel to close", async || {
        let shown = app
            .c()
            .execute(
                "return [...document.querySelectorAll('.el-picker__popper')]\
                 .filter(e => e.style.display !== 'none' && e.getClientRects().length > 0).length",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        if shown == 0 {
            Ok(())
        } else {
            Err(format!("{shown} shown"))
        }
    })
    .await;
}
