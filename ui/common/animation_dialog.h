// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>
#include <vector>

#include "ui/common/animation_recorder.h"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace losslab::ui {

/// "Export Animation…": what to vary and over which range, how many frames at what rate,
/// the frames' size, and where to write them (an animated GIF or a folder of PNG frames).
class AnimationDialog : public QDialog {
  Q_OBJECT

 public:
  /// A quantity the animation can vary (a loss parameter, the training epochs).
  struct Variable {
    QString label;  // in the user's language ("δ (threshold)", "Epochs")
    QString id;     // "delta", "epochs"
    double min = 0;
    double max = 1;
    double from = 0;
    double to = 1;
    int decimals = 2;
    bool fixedStart = false;  // the range starts at `from` (a run starts at epoch 0)
  };

  /// `baseName` suggests the file name ("losslab-<baseName>.gif").
  AnimationDialog(const std::vector<Variable>& variables,
                  const QString& baseName,
                  QWidget* parent = nullptr);

  AnimationSettings settings() const;
  /// The chosen variable's id and range.
  QString variable() const;
  double from() const;
  double to() const;

  /// Sets the output path (tests; the Browse button sets it too).
  void setPath(const QString& path);

 private:
  void variableChanged();
  void browse();
  void formatChanged();

  std::vector<Variable> m_variables;
  QComboBox* m_variable;
  QDoubleSpinBox* m_from;
  QDoubleSpinBox* m_to;
  QSpinBox* m_frames;
  QDoubleSpinBox* m_fps;
  QSpinBox* m_width;
  QSpinBox* m_height;
  QComboBox* m_format;
  QLineEdit* m_path;
};

}  // namespace losslab::ui
