// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "core/engine/loss.h"
#include "core/export/code_export.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace losslab::ui {

/// "Export as Code…" (issue 6): any loss — built-in with its current parameters, or custom —
/// as Keras 3 or PyTorch source (core exportCode), shown read-only in a monospace view with
/// Copy (to the clipboard) and Save… (through QSaveFile: the target is written completely or
/// not at all). A loss without a faithful export for the chosen framework shows the engine's
/// reason instead of code, with Copy and Save disabled.
class CodeExportDialog : public QDialog {
  Q_OBJECT

 public:
  explicit CodeExportDialog(LossPtr loss,
                            CodeTarget target = CodeTarget::Keras,
                            QWidget* parent = nullptr);

  void setTarget(CodeTarget target);
  CodeTarget target() const { return m_target; }
  /// The code shown; empty when the loss cannot be exported to the current target.
  QString code() const { return m_code; }
  /// Why there is no code for the current target (the engine's message), else empty.
  QString exportError() const { return m_exportError; }
  /// The file name Save… proposes: "<loss>_keras.py" / "<loss>_pytorch.py".
  QString suggestedFileName() const;

  /// Writes code() to `path` atomically. False with `error` set (naming the path and the
  /// reason) if there is no code or the file cannot be written; nothing is created then.
  bool saveTo(const QString& path, QString* error = nullptr) const;
  /// Puts code() on the clipboard.
  void copyToClipboard() const;

 private:
  void regenerate();
  void saveInteractively();

  LossPtr m_loss;
  CodeTarget m_target;
  QString m_code;
  QString m_exportError;
  QComboBox* m_targetCombo;
  QPlainTextEdit* m_view;
  QLabel* m_status;
  QPushButton* m_copy;
  QPushButton* m_save;
};

}  // namespace losslab::ui
