# cd to this folder, then: gnuplot partition-saving.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'partition-saving.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'Edge energy without and with partitioning' noenhanced
set xlabel 'architecture' noenhanced
set ylabel 'edge energy per inference (mJ)' noenhanced
set yrange [0:*]
set style data histograms
set style histogram clustered gap 1
set style fill pattern border -1
set boxwidth 0.75
set key below height 1
set xtics nomirror
set xrange [-0.6:3.6]
plot 'partition-saving.dat' using 2:xtic(1) title 'without partition' noenhanced fs pattern 0 lc rgb '#000000', \
     '' using 3 title 'with partition' noenhanced fs pattern 2 lc rgb '#0072B2'
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'partition-saving.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'partition-saving.pdf'
replot
unset output
