//! The core's error type. Each area has its own `thiserror` enum; [`Error`] gathers them and
//! gives every error a stable `code()` (for the UI and scripts) and a Chinese message
//! (`Display`) that is shown to the user as it is.

use crate::codes::CodeError;
use crate::idcard::IdCardError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Code(#[from] CodeError),
    #[error("{field}：{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("未找到{what}“{key}”")]
    NotFound { what: &'static str, key: String },
    #[error(transparent)]
    Unit(#[from] UnitError),
    #[error(transparent)]
    Person(#[from] PersonError),
    #[error(transparent)]
    Activity(#[from] ActivityError),
    #[error(transparent)]
    Attendance(#[from] AttendanceError),
    #[error(transparent)]
    Record(#[from] RecordError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// Browser mode's server could not start or stopped with an error.
    #[error("浏览器版无法运行：{0}")]
    Serve(String),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str, key: impl ToString) -> Self {
        Error::NotFound {
            what,
            key: key.to_string(),
        }
    }

    /// A stable machine-readable code, e.g. `unit.has_staff`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Db(e) => e.code(),
            Error::Code(_) => "invalid",
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Unit(e) => e.code(),
            Error::Person(e) => e.code(),
            Error::Activity(e) => e.code(),
            Error::Attendance(e) => e.code(),
            Error::Record(e) => e.code(),
            Error::Read(e) => e.code(),
            Error::Import(e) => e.code(),
            Error::Auth(e) => e.code(),
            Error::Serve(_) => "serve",
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(DbError::from(e))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "数据库文件的版本（{found}）比本程序支持的版本（{supported}）新，可能是用更新版本的群工台创建的。请升级群工台后再打开；数据未作任何改动。"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("无法打开数据库文件 {path}：{reason}")]
    Open { path: String, reason: String },
    #[error("数据库正被另一个程序占用，请稍后再试")]
    Busy,
    #[error("数据库升级到第 {version} 版时失败：{detail}。数据未作任何改动。")]
    Migration { version: i64, detail: String },
    #[error("数据库操作失败：{0}")]
    Sqlite(rusqlite::Error),
    /// The file failed the integrity check at start, or SQLite met a damaged page
    /// ("database disk image is malformed", "file is not a database"). `detail` is SQLite's
    /// report (English, for the log); `backup` the newest good backup's file, when one was found.
    #[error("{}", damaged_message(path, backup))]
    Damaged {
        path: String,
        detail: String,
        backup: Option<String>,
    },
    #[error(
        "磁盘空间不足，操作未能完成，数据库未作改动。请删除不需要的文件、清空回收站，或把数据库移到空间更大的磁盘后再试"
    )]
    DiskFull,
    /// A write was committed (it is in the -wal file beside the database) but could not be
    /// merged into the database file for lack of space.
    #[error(
        "磁盘空间不足：刚才的修改已保存，但暂存在“{path}-wal”中，未能并入数据库文件。请尽快腾出磁盘空间（删除不需要的文件、清空回收站），然后再运行一次群工台即可自动并入；在此之前切勿删除该 -wal 文件，也不要只复制数据库文件本身"
    )]
    WalPending { path: String },
    #[error(
        "数据库文件{}是只读的（或所在文件夹不可写），只能查看，不能修改。请检查文件和文件夹的权限（如取消“只读”属性、换用有写权限的账户），或把数据库复制到可写的位置后再试",
        if path.is_empty() { String::new() } else { format!("“{path}”") }
    )]
    ReadOnly { path: String },
    #[error("备份失败：{reason}")]
    BackupFailed { reason: String },
    #[error("备份文件“{file}”已损坏或不完整，不能用于恢复：{detail}")]
    BackupDamaged { file: String, detail: String },
    #[error(
        "备份文件“{file}”的结构版本（{found}）比本程序支持的版本（{supported}）新，是用更新版本的群工台创建的。请升级群工台后再恢复；数据库未作改动"
    )]
    BackupTooNew {
        file: String,
        found: i64,
        supported: i64,
    },
    #[error(
        "数据库正被其他程序或窗口使用，不能恢复。请先关闭群工台的其他窗口（包括浏览器版和正在运行的命令）后再试；数据库未作改动"
    )]
    InUse,
}

fn damaged_message(path: &str, backup: &Option<String>) -> String {
    let file = if path.is_empty() {
        String::new()
    } else {
        format!("“{path}”")
    };
    let offer = match backup {
        Some(b) => format!("最新的完好备份是“{b}”。"),
        None => String::new(),
    };
    format!(
        "数据库文件{file}已损坏，为免损坏扩大，已停止使用。{offer}请从备份恢复：桌面版在启动时提供恢复；命令行用 qungong backup list 查看备份，用 qungong backup restore 备份文件 恢复（当前文件会先另存为“恢复前”备份）"
    )
}

impl DbError {
    fn code(&self) -> &'static str {
        match self {
            DbError::TooNew { .. } => "db.too_new",
            DbError::Open { .. } => "db.open",
            DbError::Busy => "db.busy",
            DbError::Migration { .. } => "db.migration",
            DbError::Sqlite(_) => "db.sqlite",
            DbError::Damaged { .. } => "db.damaged",
            DbError::DiskFull => "db.disk_full",
            DbError::WalPending { .. } => "db.wal_pending",
            DbError::ReadOnly { .. } => "db.read_only",
            DbError::BackupFailed { .. } => "backup.failed",
            DbError::BackupDamaged { .. } => "backup.damaged",
            DbError::BackupTooNew { .. } => "backup.too_new",
            DbError::InUse => "backup.in_use",
        }
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                DbError::Busy
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                DbError::Damaged {
                    path: String::new(),
                    detail: e.to_string(),
                    backup: None,
                }
            }
            Some(rusqlite::ErrorCode::DiskFull) => DbError::DiskFull,
            // The -shm file of a WAL database could not be grown: on a full disk that is where
            // opening stops, before any write could report SQLITE_FULL.
            Some(rusqlite::ErrorCode::SystemIoFailure)
                if matches!(&e, rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE) =>
            {
                DbError::DiskFull
            }
            Some(rusqlite::ErrorCode::ReadOnly) => DbError::ReadOnly {
                path: String::new(),
            },
            _ => DbError::Sqlite(e),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UnitError {
    #[error("单位“{parent}”下已有名为“{name}”的单位")]
    DuplicateName { parent: String, name: String },
    #[error("单位“{name}”下还有 {count} 个下级单位，请先删除或移走下级单位")]
    HasChildren { name: String, count: i64 },
    #[error("单位“{name}”还有 {count} 名职工（含离职人员档案），请先将他们调到其他单位")]
    HasStaff { name: String, count: i64 },
    #[error("单位“{name}”还组织过 {count} 项活动，删除会丢失活动记录，不能删除")]
    HasActivities { name: String, count: i64 },
    #[error("不能把单位“{name}”移到它自己或它的下级单位之下")]
    Cycle { name: String },
    #[error("有多个单位名为“{name}”：{paths}。请改用单位编号")]
    Ambiguous { name: String, paths: String },
}

impl UnitError {
    fn code(&self) -> &'static str {
        match self {
            UnitError::DuplicateName { .. } => "unit.duplicate_name",
            UnitError::HasChildren { .. } => "unit.has_children",
            UnitError::HasStaff { .. } => "unit.has_staff",
            UnitError::HasActivities { .. } => "unit.has_activities",
            UnitError::Cycle { .. } => "unit.cycle",
            UnitError::Ambiguous { .. } => "unit.ambiguous",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PersonError {
    #[error("工号 {employee_no} 已被 {name} 使用")]
    DuplicateEmployeeNo { employee_no: String, name: String },
    #[error("该身份证号已登记在 {who}名下")]
    DuplicateIdNumber { who: String },
    #[error("身份证号：{0}")]
    IdNumber(#[from] IdCardError),
    #[error("{field}与身份证号不一致：身份证号对应{expected}，填写的是{given}")]
    Mismatch {
        field: &'static str,
        expected: String,
        given: String,
    },
    #[error("{who}已于 {date} 离职")]
    AlreadyLeft { who: String, date: String },
    #[error("{who}目前在职，无需恢复")]
    NotLeft { who: String },
    /// A change to several people refused because of this one (the message names them).
    #[error("{who}：{source}")]
    OnePerson { who: String, source: Box<Error> },
    #[error("{who}的法定退休日期是 {date}，尚未到达，不能办理退休")]
    NotYetRetirementDate { who: String, date: String },
    #[error("{who}未填退休类别（干部 / 工人），无法确定法定退休日期，请先在人员档案中补填")]
    RetirementCategoryMissing { who: String },
    #[error("{who}入职晚于法定退休日期 {date}（返聘人员），请按一般离职办理")]
    HiredAfterRetirementDate { who: String, date: String },
}

impl PersonError {
    fn code(&self) -> &'static str {
        match self {
            PersonError::DuplicateEmployeeNo { .. } => "person.duplicate_employee_no",
            PersonError::DuplicateIdNumber { .. } => "person.duplicate_id_number",
            PersonError::IdNumber(_) => "person.id_number",
            PersonError::Mismatch { .. } => "person.mismatch",
            PersonError::AlreadyLeft { .. } => "person.left",
            PersonError::NotLeft { .. } => "person.not_left",
            PersonError::OnePerson { source, .. } => source.code(),
            PersonError::NotYetRetirementDate { .. } => "person.not_yet_retirement_date",
            PersonError::RetirementCategoryMissing { .. } => "person.retirement_category_missing",
            PersonError::HiredAfterRetirementDate { .. } => "person.hired_after_retirement_date",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ActivityError {
    #[error("活动“{title}”已取消，不能再{action}")]
    Cancelled { title: String, action: &'static str },
    #[error("活动“{title}”已开展，不能取消")]
    AlreadyHeld { title: String },
    #[error("活动“{title}”不属于任何系列")]
    NotInSeries { title: String },
}

impl ActivityError {
    fn code(&self) -> &'static str {
        match self {
            ActivityError::Cancelled { .. } => "activity.cancelled",
            ActivityError::AlreadyHeld { .. } => "activity.held",
            ActivityError::NotInSeries { .. } => "activity.not_in_series",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AttendanceError {
    #[error("{who}不是本次活动的应到人员；如确需签到，请选择“按非名单人员签到”")]
    NotInvited { who: String },
    #[error("{who}已离职，不能{action}")]
    PersonLeft { who: String, action: &'static str },
    #[error("{who}已签到，不能移出应到名单")]
    AlreadyCheckedIn { who: String },
    #[error("请假须填写请假事由")]
    LeaveNeedsReason,
    #[error("本活动于 {starts} 开始，现在不能签到（{opens} 起可以签到）")]
    NotOpenYet { starts: String, opens: String },
    #[error(
        "本活动于 {starts} 开始，签到已于{last_day}当天结束时截止，现在不能签到；按纸质签到表登记请用“补录”"
    )]
    Closed { starts: String, last_day: String },
    #[error("本活动于 {starts} 开始，开始后才能{action}")]
    NotStarted {
        starts: String,
        action: &'static str,
    },
}

impl AttendanceError {
    fn code(&self) -> &'static str {
        match self {
            AttendanceError::NotInvited { .. } => "attendance.not_invited",
            AttendanceError::PersonLeft { .. } => "attendance.person_left",
            AttendanceError::AlreadyCheckedIn { .. } => "attendance.already_checked_in",
            AttendanceError::LeaveNeedsReason => "attendance.leave_needs_reason",
            AttendanceError::NotOpenYet { .. } => "attendance.not_open",
            AttendanceError::Closed { .. } => "attendance.closed",
            AttendanceError::NotStarted { .. } => "attendance.not_started",
        }
    }
}

/// Why a photo or file cannot be attached to an activity's record (活动记录), or read back.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("无法读取文件“{path}”：{reason}")]
    Unreadable { path: String, reason: String },
    #[error("文件“{name}”是空的，没有可保存的内容")]
    Empty { name: String },
    #[error(
        "文件“{name}”有 {size}，超过了单个附件 {limit} 的上限；照片可先用手机或电脑压缩后再添加"
    )]
    TooLarge {
        name: String,
        size: String,
        limit: String,
    },
    #[error("“{name}”不是 JPG 或 PNG 图片，不能作为照片添加（可作为文件添加）")]
    NotPicture { name: String },
    #[error("照片“{name}”无法读取：{reason}")]
    BadPicture { name: String, reason: String },
    #[error("本活动已有内容完全相同的附件“{existing}”，“{name}”不再重复添加")]
    Duplicate { name: String, existing: String },
    #[error("每项活动最多 {limit} 个附件，请先删除不需要的再添加")]
    TooMany { limit: i64 },
    #[error(
        "附件“{name}”的内容与添加时记下的校验值（SHA-256）不符，数据已损坏；请从备份恢复数据库"
    )]
    Corrupt { name: String },
}

impl RecordError {
    fn code(&self) -> &'static str {
        match self {
            RecordError::Unreadable { .. } => "record.unreadable",
            RecordError::Empty { .. } => "record.empty",
            RecordError::TooLarge { .. } => "record.too_large",
            RecordError::NotPicture { .. } => "record.not_picture",
            RecordError::BadPicture { .. } => "record.bad_picture",
            RecordError::Duplicate { .. } => "record.duplicate",
            RecordError::TooMany { .. } => "record.too_many",
            RecordError::Corrupt { .. } => "record.corrupt",
        }
    }
}

/// Why a file could not be read. Messages are shown to the user as they are.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法打开文件 {path}：{reason}")]
    Open { path: String, reason: String },
    #[error(
        "不支持的文件类型“{0}”，请选择 Excel（.xlsx、.xls）、WPS（.et）、OpenDocument（.ods）或 CSV 文件"
    )]
    UnsupportedType(String),
    #[error(
        "文件内容是网页（HTML）格式，不是真正的 Excel 文件（常见于从网页系统导出的 .xls）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"
    )]
    Html,
    #[error(
        "无法读取表格：{0}。文件可能已损坏或有密码保护，请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
    )]
    Workbook(String),
    #[error("无法读取 CSV 文件第 {line} 行：{reason}")]
    Csv { line: u64, reason: String },
    #[error("文件中没有任何数据")]
    Empty,
    #[error("表格有 {0} 行，超过了一次最多可导入的 {max} 行，请拆分后分批导入", max = crate::xlsx::read::MAX_ROWS)]
    TooManyRows(usize),
    /// Refused before it is read whole: the file, a sheet inside it or a cell is beyond what
    /// a roster can be (limits in `xlsx::read`), e.g. “文件有 331 MB，最多 100 MB”.
    #[error("表格过大：{0}。请删去多余的内容或拆分后分批导入")]
    TooLarge(String),
    /// Not a spreadsheet or text table at all (a program, a picture, a database file renamed).
    #[error(
        "不是表格文件：{0}。请选择 Excel（.xlsx、.xls）、WPS（.et）、OpenDocument（.ods）或 CSV 文件"
    )]
    NotASheet(String),
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Open { .. } => "import.open",
            ReadError::UnsupportedType(_) => "import.unsupported",
            ReadError::Html => "import.html",
            ReadError::Workbook(_) => "import.workbook",
            ReadError::Csv { .. } => "import.csv",
            ReadError::Empty => "import.empty",
            ReadError::TooManyRows(_) => "import.too_many_rows",
            ReadError::TooLarge(_) => "import.too_large",
            ReadError::NotASheet(_) => "import.not_a_sheet",
        }
    }
}

/// Why an import cannot start (or was stopped). Row problems are not errors: they are listed
/// in the [`Preview`].
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "没有找到表头行：前 {} 行中没有一行同时含有“姓名”和“工号”或“身份证号”等列名。请确认选择的是花名册，或手动指定表头所在行",
        crate::xlsx::read::HEADER_SEARCH_ROWS
    )]
    NoHeader,
    #[error("第 {0} 行超出了表格范围（共 {1} 行）")]
    HeaderOutOfRange(usize, usize),
    #[error("请指定“{0}”所在的列")]
    MissingField(&'static str),
    #[error("“{0}”对应了多列（{1}），每项只能对应一列（所在单位除外：多列按从左到右拼成单位路径）")]
    DuplicateField(&'static str, String),
    #[error("导入已取消，数据库未作任何改动")]
    Cancelled,
    /// Internal: a commit that would change nothing is rolled back (no audit row either).
    #[doc(hidden)]
    #[error("没有需要导入的新内容")]
    NothingToWrite,
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::NoHeader => "import.no_header",
            ImportError::HeaderOutOfRange(..) => "import.header_out_of_range",
            ImportError::MissingField(_) => "import.missing_field",
            ImportError::DuplicateField(..) => "import.duplicate_field",
            ImportError::Cancelled => "import.cancelled",
            ImportError::NothingToWrite => "import.nothing_to_write",
        }
    }
}

/// Accounts, sign-in and roles (src/auth).
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("无权限执行此操作")]
    Forbidden,
    #[error("请先登录")]
    SignedOut,
    #[error("长时间未操作，已锁定，请输入密码解锁")]
    Locked,
    #[error("还没有管理员账号，请先创建管理员账号")]
    Setup,
    #[error("已有账号，不能再次创建首个管理员")]
    AlreadySetUp,
    #[error("账号或密码不正确{}", remaining.map(|n| format!("（再错 {n} 次账号将锁定 5 分钟）")).unwrap_or_default())]
    BadPassword { remaining: Option<u32> },
    #[error("密码连续输错 5 次，账号“{name}”已锁定，请于 {until} 后再试")]
    AccountLocked { name: String, until: String },
    #[error("账号“{0}”已停用，请联系管理员")]
    Disabled(String),
    #[error("密码不符合要求：{0}")]
    WeakPassword(String),
    #[error("账号名：{0}")]
    BadName(String),
    #[error("已有名为“{0}”的账号")]
    DuplicateName(String),
    #[error("{0}")]
    LastAdmin(String),
}

impl AuthError {
    fn code(&self) -> &'static str {
        match self {
            AuthError::Forbidden => "auth.forbidden",
            AuthError::SignedOut => "auth.signed_out",
            AuthError::Locked => "auth.locked",
            AuthError::Setup => "auth.setup",
            AuthError::AlreadySetUp => "auth.already_set_up",
            AuthError::BadPassword { .. } => "auth.bad_password",
            AuthError::AccountLocked { .. } => "auth.account_locked",
            AuthError::Disabled(_) => "auth.disabled",
            AuthError::WeakPassword(_) => "auth.weak_password",
            AuthError::BadName(_) => "auth.bad_name",
            AuthError::DuplicateName(_) => "auth.duplicate_name",
            AuthError::LastAdmin(_) => "auth.last_admin",
        }
    }
}
