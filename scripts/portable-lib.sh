#!/usr/bin/env bash
# Sourced by package-portable.sh and package.sh: the checks and the .deb of the browser-mode
# `qungong` for Linux (amd64 and arm64 alike).

# check_portable BIN GLIBC OBJDUMP READELF
# The highest GLIBC_x.y symbol version BIN needs (OBJDUMP -T) is at most GLIBC, and the only
# libraries it needs are glibc's and libgcc's (READELF -d); no GTK / WebKit.
check_portable() {
  local bin="$1" glibc="$2" objdump="$3" readelf="$4"
  echo "== 检查所需的 glibc 版本与动态库（${bin}）"
  local needed
  needed="$("$objdump" -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"
  echo "需要的最高 glibc 符号版本：${needed}"
  if [ "$(printf '%s\n%s\n' "$needed" "$glibc" | sort -V | tail -1)" != "$glibc" ]; then
    echo "错误：${bin} 需要 glibc ${needed}，高于 ${glibc}" >&2
    exit 1
  fi
  local libs
  libs="$("$readelf" -d "$bin" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort | tr '\n' ' ')"
  echo "需要的动态库：${libs}"
  for lib in $libs; do
    case "$lib" in
      libc.so.6 | libm.so.6 | libpthread.so.0 | libdl.so.2 | librt.so.1 | libgcc_s.so.1 | \
        ld-linux-x86-64.so.2 | ld-linux-aarch64.so.1) ;;
      *) echo "错误：${bin} 需要 ${lib}，Debian 10 的基本系统里不一定有" >&2; exit 1 ;;
    esac
  done
  if "$readelf" -d "$bin" | grep -qE 'gtk|webkit'; then
    echo "错误：可移植版不应依赖 GTK / WebKit" >&2
    exit 1
  fi
  echo "检查通过：只需要 glibc ${needed}（≤ ${glibc}）"
}

# make_browser_deb BIN ARCH GLIBC OUTDIR → OUTDIR/qungong-browser_<version>_<ARCH>.deb
# /usr/bin/qungong with the menu entry 群工台（浏览器版）. Only glibc is linked (checked above);
# the Chinese font for printing is found at run time (Noto CJK, WenQuanYi, or the one chosen in
# 设置).
make_browser_deb() {
  local bin="$1" arch="$2" glibc="$3" out="$4"
  local version
  version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
  local pkg="$out/qungong-browser_${version}_${arch}"
  rm -rf "$pkg"
  mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/applications" \
    "$pkg/usr/share/icons/hicolor/128x128/apps" "$pkg/usr/share/doc/qungong-browser"
  install -m 0755 "$bin" "$pkg/usr/bin/qungong"
  install -m 0644 src-tauri/icons/128x128.png "$pkg/usr/share/icons/hicolor/128x128/apps/qungong.png"
  cat > "$pkg/usr/share/applications/qungong-browser.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=群工台（浏览器版）
Comment=群众工作与队伍结构管理，在本机浏览器中使用
Exec=qungong serve
Icon=qungong
Terminal=false
Categories=Office;
DESKTOP
  cat > "$pkg/usr/share/doc/qungong-browser/README" <<DOC
群工台（浏览器版）：菜单中的“群工台（浏览器版）”或终端命令 qungong serve 启动，用默认浏览器打开。
只有本机能访问；页面右上角“退出”停止，所有页面关闭 5 分钟后自动停止。
数据文件：~/.local/share/qungong/qungong.db（与桌面版相同）。
DOC
  cat > "$pkg/DEBIAN/control" <<CONTROL
Package: qungong-browser
Version: ${version}
Section: office
Priority: optional
Architecture: ${arch}
Maintainer: 群工台 <qungong@localhost>
Depends: libc6 (>= ${glibc}), xdg-utils
Recommends: fonts-noto-cjk | fonts-wqy-zenhei | fonts-wqy-microhei
Description: 群工台（浏览器版）
 供电企业基层单位群众工作与队伍结构管理。在本机浏览器中使用，
 不需要 WebKitGTK；适用于 UOS V20、麒麟 V10 等较旧的系统。
CONTROL
  dpkg-deb --root-owner-group --build "$pkg" >/dev/null
  echo "已生成：${pkg}.deb"
}
