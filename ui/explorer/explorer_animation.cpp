// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/explorer_animation.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "ui/common/animation_dialog.h"
#include "ui/common/engine_text.h"
#include "ui/common/plot_export_options.h"
#include "ui/common/settings.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_export.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

constexpr int kSavedMessageMs = 6000;

const ParamSpec* realParam(const CurveItem& item, const std::string& id) {
  for (const ParamSpec& spec : item.loss->info().params) {
    if (spec.id == id && spec.kind == ParamSpec::Kind::Real) {
      return &spec;
    }
  }
  return nullptr;
}

}  // namespace

bool parseVary(const QString& text, QString* name, double* from, double* to, QString* error) {
  static const QRegularExpression pattern(
      QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)=([^:]+):([^:]+)$"));
  const QRegularExpressionMatch match = pattern.match(text.trimmed());
  bool okFrom = false;
  bool okTo = false;
  if (match.hasMatch()) {
    *name = match.captured(1);
    *from = match.captured(2).toDouble(&okFrom);
    *to = match.captured(3).toDouble(&okTo);
  }
  if (!okFrom || !okTo) {
    *error = QStringLiteral("--vary wants NAME=FROM:TO (e.g. delta=0.1:3), got '%1'").arg(text);
    return false;
  }
  return true;
}

int sweepCurve(const ExplorerView& view, int preferred, const std::string& param) {
  const CurveModel& model = *view.model();
  if (preferred >= 0 && preferred < model.count() && realParam(model.curve(preferred), param)) {
    return preferred;
  }
  for (int i = 0; i < model.count(); ++i) {
    if (realParam(model.curve(i), param)) {
      return i;
    }
  }
  return -1;
}

ParameterSweepSource::ParameterSweepSource(
    ExplorerView* view, int curve, std::string param, double from, double to)
    : m_view(view), m_curve(curve), m_param(std::move(param)), m_from(from), m_to(to) {}

bool ParameterSweepSource::setValue(double value, QString* error) {
  ParamValues params = m_view->model()->curve(m_curve).params;
  params[m_param] = value;
  return m_view->model()->setParams(m_curve, params, error);
}

bool ParameterSweepSource::prepare(int, QString* error) {
  CurveModel* model = m_view->model();
  if (m_curve < 0 || m_curve >= model->count()) {
    *error = QStringLiteral("no curve has the parameter '%1'").arg(QString::fromStdString(m_param));
    return false;
  }
  m_saved = model->curve(m_curve).params;
  LossCurvePlot* plot = m_view->plot();
  for (int panel = 0; panel < 3; ++panel) {
    m_savedY[2 * panel] = plot->yFrom(panel);
    m_savedY[2 * panel + 1] = plot->yTo(panel);
  }
  // Fixed y axes that hold both ends of the sweep, so the picture does not jump.
  double lo[3] = {};
  double hi[3] = {};
  for (int end = 0; end < 2; ++end) {
    if (!setValue(end == 0 ? m_from : m_to, error)) {
      return false;
    }
    plot->rescaleY();
    for (int panel = 0; panel < 3; ++panel) {
      lo[panel] = end == 0 ? plot->yFrom(panel) : std::min(lo[panel], plot->yFrom(panel));
      hi[panel] = end == 0 ? plot->yTo(panel) : std::max(hi[panel], plot->yTo(panel));
    }
  }
  for (int panel = 0; panel < 3; ++panel) {
    plot->setYRange(panel, lo[panel], hi[panel]);
  }
  return true;
}

QImage ParameterSweepSource::frame(int index, int count, QSize size) {
  const double t = count > 1 ? static_cast<double>(index) / (count - 1) : 0.0;
  // Rounded to a tenth of the step's first digit, so the legend reads δ = 0.472, not
  // 0.4717948717948718 (the ends stay exact).
  const double step = count > 1 ? std::abs(m_to - m_from) / (count - 1) : 1.0;
  const double unit = step > 0 ? std::pow(10.0, std::floor(std::log10(step)) - 1) : 1.0;
  const double value = m_from + (m_to - m_from) * t;
  setValue(index == 0 || index == count - 1 ? value : std::round(value / unit) * unit);
  // A 16:9 frame is a 1280 × 720 slide scaled to the frame (a slide's fonts and pens at any
  // 16:9 size); other shapes are laid out at their own size with the screen's style.
  PlotExportOptions options;
  double scale = 1;
  if (size.width() * 9 == size.height() * 16) {
    options.kind = PlotExportOptions::Kind::Slide;
    options.slideWidth = 1280;
    scale = size.width() / 1280.0;
  } else {
    options.kind = PlotExportOptions::Kind::Custom;
    options.customSize = size;
  }
  QImage image = m_view->exporter()->renderPlot(options, scale);
  if (image.size() != size) {
    image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  }
  return image;
}

void ParameterSweepSource::finish() {
  CurveModel* model = m_view->model();
  if (m_curve < 0 || m_curve >= model->count() || m_saved.empty()) {
    return;
  }
  model->setParams(m_curve, m_saved);
  for (int panel = 0; panel < 3; ++panel) {
    m_view->plot()->setYRange(panel, m_savedY[2 * panel], m_savedY[2 * panel + 1]);
  }
}

ExplorerAnimation::ExplorerAnimation(ExplorerView* view)
    : QObject(view), m_view(view), m_action(new QAction(tr("Export A&nimation…"), view)) {
  m_action->setStatusTip(
      tr("Sweep a parameter of the selected curve and save it as an animated GIF or PNG frames"));
  connect(m_action, &QAction::triggered, this, &ExplorerAnimation::exportAnimation);
}

void ExplorerAnimation::exportAnimation() {
  const CurveModel& model = *m_view->model();
  const int current = m_view->currentCurve();
  std::vector<AnimationDialog::Variable> variables;
  if (current >= 0 && current < model.count()) {
    for (const ParamSpec& spec : model.curve(current).loss->info().params) {
      if (spec.kind != ParamSpec::Kind::Real) {
        continue;
      }
      AnimationDialog::Variable v;
      v.label = engineText(spec.label);
      v.id = QString::fromStdString(spec.id);
      v.min = std::max(spec.min, -1e6);
      v.max = std::min(spec.max, 1e6);
      v.from = spec.lowerSlider();
      v.to = spec.upperSlider();
      if (spec.id == "delta") {  // the lesson's δ sweep
        v.from = std::max(v.from, 0.1);
        v.to = std::min(v.to, 3.0);
      }
      v.decimals = 3;
      variables.push_back(v);
    }
  }
  if (variables.empty()) {
    QMessageBox::information(m_view, tr("Export Animation"),
                             tr("Select a curve whose loss has a real parameter to sweep."));
    return;
  }
  AnimationDialog dialog(
      variables,
      m_view->currentPreset().isEmpty() ? QStringLiteral("sweep") : m_view->currentPreset(),
      m_view);
  if (dialog.exec() != QDialog::Accepted) {
    return;
  }
  const AnimationSettings settings = dialog.settings();
  ParameterSweepSource source(m_view, current, dialog.variable().toStdString(), dialog.from(),
                              dialog.to());
  QString error;
  if (!recordAnimationWithProgress(m_view, source, settings, &error)) {
    QMessageBox::warning(m_view, tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(settings.path).absolutePath());
  emit m_view->statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(settings.path)),
                             kSavedMessageMs);
}

}  // namespace losslab::ui
