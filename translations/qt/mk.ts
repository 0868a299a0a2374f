<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mk">
  <context>
    <name>QAbstractFileIconProvider</name>
    <message>
      <source>Drive</source>
      <translation>Диск</translation>
    </message>
    <message>
      <source>File Folder</source>
      <comment>Match Windows Explorer</comment>
      <translation>Папка со датотеки</translation>
    </message>
    <message>
      <source>Folder</source>
      <comment>All other platforms</comment>
      <translation>Папка</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>Непознато</translation>
    </message>
  </context>
  <context>
    <name>QAbstractSpinBox</name>
    <message>
      <source>&amp;Select All</source>
      <translation>&amp;Избери сè</translation>
    </message>
    <message>
      <source>&amp;Step up</source>
      <translation>&amp;Зголеми</translation>
    </message>
    <message>
      <source>Step &amp;down</source>
      <translation>&amp;Намали</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
      <translation>%1
Папката не е пронајдена.
Проверете дали името на папката е точно внесено.</translation>
    </message>
    <message>
      <source>%1
File not found.
Please verify the correct file name was given.</source>
      <translation>%1
Датотеката не е пронајдена.
Проверете дали името на датотеката е точно внесено.</translation>
    </message>
    <message>
      <source>%1 already exists.
Do you want to replace it?</source>
      <translation>%1 веќе постои.
Дали сакате да ја замените?</translation>
    </message>
    <message>
      <source>&amp;Choose</source>
      <translation>&amp;Избери</translation>
    </message>
    <message>
      <source>&amp;Delete</source>
      <translation>&amp;Избриши</translation>
    </message>
    <message>
      <source>&amp;Look in:</source>
      <translation>&amp;Погледни во:</translation>
    </message>
    <message>
      <source>&amp;New Folder</source>
      <translation>&amp;Нова папка</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Отвори</translation>
    </message>
    <message>
      <source>&amp;Rename</source>
      <translation>&amp;Преименувај</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Зачувај</translation>
    </message>
    <message>
      <source>'%1' is write protected.
Do you want to delete it anyway?</source>
      <translation>„%1“ е заштитен од запишување.
Дали сепак сакате да го избришете?</translation>
    </message>
    <message>
      <source>All Files (*)</source>
      <translation>Сите датотеки (*)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Сите датотеки (*)</translation>
    </message>
    <message>
      <source>Are you sure you want to delete '%1'?</source>
      <translation>Дали навистина сакате да го избришете „%1“?</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Назад</translation>
    </message>
    <message>
      <source>Change to detail view mode</source>
      <translation>Префрли на детален приказ</translation>
    </message>
    <message>
      <source>Change to list view mode</source>
      <translation>Префрли на приказ како листа</translation>
    </message>
    <message>
      <source>Could not delete directory.</source>
      <translation>Папката не може да се избрише.</translation>
    </message>
    <message>
      <source>Create New Folder</source>
      <translation>Создај нова папка</translation>
    </message>
    <message>
      <source>Create a New Folder</source>
      <translation>Создај нова папка</translation>
    </message>
    <message>
      <source>Detail View</source>
      <translation>Детален приказ</translation>
    </message>
    <message>
      <source>Directories</source>
      <translation>Папки</translation>
    </message>
    <message>
      <source>Directory:</source>
      <translation>Папка:</translation>
    </message>
    <message>
      <source>File &amp;name:</source>
      <translation>&amp;Име на датотеката:</translation>
    </message>
    <message>
      <source>Files</source>
      <translation>Датотеки</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>&amp;Вид датотеки:</translation>
    </message>
    <message>
      <source>Find Directory</source>
      <translation>Најди папка</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>Напред</translation>
    </message>
    <message>
      <source>Go back</source>
      <translation>Оди назад</translation>
    </message>
    <message>
      <source>Go forward</source>
      <translation>Оди напред</translation>
    </message>
    <message>
      <source>Go to the parent directory</source>
      <translation>Оди во надредената папка</translation>
    </message>
    <message>
      <source>List View</source>
      <translation>Приказ како листа</translation>
    </message>
    <message>
      <source>List of places and bookmarks</source>
      <translation>Листа на места и обележувачи</translation>
    </message>
    <message>
      <source>New Folder</source>
      <translation>Нова папка</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Отвори</translation>
    </message>
    <message>
      <source>Parent Directory</source>
      <translation>Надредена папка</translation>
    </message>
    <message>
      <source>Recent Places</source>
      <translation>Неодамнешни места</translation>
    </message>
    <message>
      <source>Save As</source>
      <translation>Зачувај како</translation>
    </message>
    <message>
      <source>Show </source>
      <translation>Прикажи </translation>
    </message>
    <message>
      <source>Show &amp;hidden files</source>
      <translation>Прикажи &amp;скриени датотеки</translation>
    </message>
    <message>
      <source>Sidebar</source>
      <translation>Странична лента</translation>
    </message>
  </context>
  <context>
    <name>QFileSystemModel</name>
    <message>
      <source>&lt;b&gt;The name "%1" cannot be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuation marks.</source>
      <translation>&lt;b&gt;Името „%1“ не може да се користи.&lt;/b&gt;&lt;p&gt;Обидете се со друго име, со помалку знаци или без интерпункциски знаци.</translation>
    </message>
    <message>
      <source>Computer</source>
      <translation>Компјутер</translation>
    </message>
    <message>
      <source>Date Modified</source>
      <translation>Датум на измена</translation>
    </message>
    <message>
      <source>Invalid filename</source>
      <translation>Неважечко име на датотека</translation>
    </message>
    <message>
      <source>My Computer</source>
      <translation>Мој компјутер</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Име</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Големина</translation>
    </message>
    <message>
      <source>Type</source>
      <comment>All other platforms</comment>
      <translation>Вид</translation>
    </message>
  </context>
  <context>
    <name>QLineEdit</name>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Копирај</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Залепи</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Повтори</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Врати</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>&amp;Исечи</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Избриши</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>Избери сè</translation>
    </message>
  </context>
  <context>
    <name>QMessageBox</name>
    <message>
      <source>Hide Details...</source>
      <translation>Сокриј детали…</translation>
    </message>
    <message>
      <source>Show Details...</source>
      <translation>Прикажи детали…</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Не</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Да</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>Прекини</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Примени</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Откажи</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Затвори</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Отфрли</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Помош</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Игнорирај</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>Н&amp;е за сите</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>Во ред</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Отвори</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Ресетирај</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>Врати стандардни вредности</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Обиди се повторно</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Зачувај</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>Зачувај ги сите</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Да за &amp;сите</translation>
    </message>
  </context>
  <context>
    <name>QProgressDialog</name>
    <message>
      <source>Cancel</source>
      <translation>Откажи</translation>
    </message>
  </context>
  <context>
    <name>QScrollBar</name>
    <message>
      <source>Bottom</source>
      <translation>Дно</translation>
    </message>
    <message>
      <source>Left edge</source>
      <translation>Лев раб</translation>
    </message>
    <message>
      <source>Page down</source>
      <translation>Страница долу</translation>
    </message>
    <message>
      <source>Page left</source>
      <translation>Страница лево</translation>
    </message>
    <message>
      <source>Page right</source>
      <translation>Страница десно</translation>
    </message>
    <message>
      <source>Page up</source>
      <translation>Страница горе</translation>
    </message>
    <message>
      <source>Right edge</source>
      <translation>Десен раб</translation>
    </message>
    <message>
      <source>Scroll down</source>
      <translation>Лизгај долу</translation>
    </message>
    <message>
      <source>Scroll here</source>
      <translation>Лизгај овде</translation>
    </message>
    <message>
      <source>Scroll left</source>
      <translation>Лизгај лево</translation>
    </message>
    <message>
      <source>Scroll right</source>
      <translation>Лизгај десно</translation>
    </message>
    <message>
      <source>Scroll up</source>
      <translation>Лизгај горе</translation>
    </message>
    <message>
      <source>Top</source>
      <translation>Врв</translation>
    </message>
  </context>
  <context>
    <name>QWidgetTextControl</name>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Копирај</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Залепи</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Повтори</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Врати</translation>
    </message>
    <message>
      <source>Copy &amp;Link Location</source>
      <translation>Копирај ја &amp;адресата на врската</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>&amp;Исечи</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Избриши</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>Избери сè</translation>
    </message>
  </context>
  <context>
    <name>QWizard</name>
    <message>
      <source>&amp;Finish</source>
      <translation>&amp;Заврши</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Помош</translation>
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation>&amp;Следно &gt;</translation>
    </message>
    <message>
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Откажи</translation>
    </message>
    <message>
      <source>Commit</source>
      <translation>Потврди</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Помош</translation>
    </message>
  </context>
</TS>
